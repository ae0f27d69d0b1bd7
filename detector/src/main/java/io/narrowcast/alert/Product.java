package io.narrowcast.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What produced a finding: this product, its vendor and the version of this build. */
public final class Product {
  public static final String NAME = "Narrowcast";
  public static final String VENDOR = "Narrowcast";
  private static final String VERSION = load();

  private Product() {}

  /** The project version, written into a resource at build time (also in tests, unlike the jar manifest). */
  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Product.class.getResourceAsStream("product.properties")) {
      if (in == null) {
        throw new IllegalStateException("product.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read product.properties", e);
    }
  }
}

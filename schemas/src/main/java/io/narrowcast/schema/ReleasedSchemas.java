package io.narrowcast.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a record schema, read from the classpath at
 * {@code released/<Name>/v1.avsc}, {@code v2.avsc}, ... A release freezes a copy of the schema there;
 * it is never edited afterwards, so messages written by any released producer stay readable.
 */
public final class ReleasedSchemas {
  private ReleasedSchemas() {}

  /** The released versions of {@code recordName} (simple name, e.g. "DnsEvent"), oldest first. */
  public static List<Schema> of(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = "released/" + recordName + "/v" + version + ".avsc";
      try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + resource, e);
      }
    }
  }
}

package io.narrowcast.cli;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.normalize.Sources;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The detection flags shared by run, replay and demo; defaults are those of DESIGN.md. */
public final class DetectionOptions {
  @Option(names = "--window", converter = Durations.class, defaultValue = "1d", paramLabel = "DURATION",
      description = "Window length (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--grace", converter = Durations.class, defaultValue = "10m", paramLabel = "DURATION",
      description = "How long after a window ends late lookups still count (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--baseline-windows", defaultValue = "14", paramLabel = "N",
      description = "Windows before the current one that form the baseline (default: ${DEFAULT-VALUE}).")
  int baselineWindows;

  @Option(names = "--min-baseline-windows", paramLabel = "N",
      description = "Fewest baseline windows with lookups for a collapse (default: 3, or the baseline length if shorter).")
  Integer minBaselineWindows;

  @Option(names = "--min-baseline-sources", defaultValue = "10", paramLabel = "N",
      description = "Fewest distinct sources in the baseline for a collapse (default: ${DEFAULT-VALUE}).")
  int minBaselineSources;

  @Option(names = "--max-remaining-sources", defaultValue = "3", paramLabel = "N",
      description = "Most distinct sources in the window for a collapse (default: ${DEFAULT-VALUE}).")
  int maxRemainingSources;

  @Option(names = "--min-queries", defaultValue = "10", paramLabel = "N",
      description = "Fewest lookups in the window: the name is still in use (default: ${DEFAULT-VALUE}).")
  int minQueries;

  @Option(names = "--max-baseline-share", defaultValue = "0.5", paramLabel = "FRACTION",
      description = "Largest share of baseline lookups the remaining sources may have had (default: ${DEFAULT-VALUE}).")
  double maxBaselineShare;

  @Option(names = "--exact-source-cap", defaultValue = "64", paramLabel = "N",
      description = "Sources counted exactly per window before an HLL sketch estimates the rest (default: ${DEFAULT-VALUE}).")
  int exactSourceCap;

  @Option(names = "--source-granularity", defaultValue = "address", converter = SourceGranularity.class,
      paramLabel = "address|prefix", description = "Count sources by address, or by /24 (IPv4) and /48 (IPv6) prefix (default: ${DEFAULT-VALUE}).")
  Sources.Granularity sourceGranularity;

  @Option(names = "--domain-granularity", defaultValue = "name", converter = DomainGranularityConverter.class,
      paramLabel = "name|registered-domain", description = "Count each name, or each registered domain (default: ${DEFAULT-VALUE}).")
  DomainGranularity domainGranularity;

  /**
   * The configuration these flags describe.
   *
   * @throws IllegalArgumentException when a value is out of range or values contradict each other
   */
  public DetectionConfig toConfig() {
    DetectionConfig.Builder builder = DetectionConfig.builder()
        .window(window).grace(grace).baselineWindows(baselineWindows)
        .minBaselineSources(minBaselineSources).maxRemainingSources(maxRemainingSources).minQueries(minQueries)
        .maxBaselineShare(maxBaselineShare).exactSourceCap(exactSourceCap)
        .sourceGranularity(sourceGranularity).domainGranularity(domainGranularity);
    if (minBaselineWindows != null) {
      builder.minBaselineWindows(minBaselineWindows);
    }
    return builder.build();
  }

  static final class SourceGranularity implements ITypeConverter<Sources.Granularity> {
    @Override
    public Sources.Granularity convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "address" -> Sources.Granularity.ADDRESS;
        case "prefix" -> Sources.Granularity.PREFIX;
        default -> throw new TypeConversionException("'" + value + "' is not a source granularity: use address or prefix");
      };
    }
  }

  static final class DomainGranularityConverter implements ITypeConverter<DomainGranularity> {
    @Override
    public DomainGranularity convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "name" -> DomainGranularity.NAME;
        case "registered-domain" -> DomainGranularity.REGISTERED_DOMAIN;
        default -> throw new TypeConversionException("'" + value + "' is not a domain granularity: use name or registered-domain");
      };
    }
  }
}

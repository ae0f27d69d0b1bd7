package io.narrowcast.cli;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.normalize.Sources;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The detection flags shared by run, replay and demo; defaults are those of DESIGN.md. */
public final class DetectionOptions {
  @Option(names = "--window", converter = Durations.class, defaultValue = "1d", paramLabel = "DURATION",
      description = "Window length (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--grace", converter = Durations.class, paramLabel = "DURATION",
      description = "How long after a window ends late lookups still count (default: a 144th of the window, at least 1m: 10m at 1d).")
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
      description = "Most sources making a collapsed window's lookups, strays aside (default: ${DEFAULT-VALUE}).")
  int maxRemainingSources;

  @Option(names = "--min-narrow-windows", paramLabel = "N",
      description = "Windows in a row in which the few made min-queries lookups before a collapse opens (default: 2, or the baseline length if shorter).")
  Integer minNarrowWindows;

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

  @Option(names = "--close-after-windows", defaultValue = "3", paramLabel = "N",
      description = "An open collapse closes after this many windows in a row with more sources again (default: ${DEFAULT-VALUE}).")
  int closeAfterWindows;

  @Option(names = "--max-stray-share", defaultValue = "0.1", paramLabel = "FRACTION",
      description = "Other sources (strays) may make at most this share of a narrow window's lookups (default: ${DEFAULT-VALUE}).")
  double maxStrayShare;

  @Option(names = "--rename-max-lag", converter = Durations.class, paramLabel = "DURATION",
      description = "Longest time from the old name going dark to the new name's first lookup (default: 7 windows, 7d at 1d).")
  Duration renameMaxLag;

  @Option(names = "--rename-max-sources", defaultValue = "10", paramLabel = "N",
      description = "Both names of a rename have at most this many sources (default: ${DEFAULT-VALUE}).")
  int renameMaxSources;

  @Option(names = "--rename-min-containment", defaultValue = "0.5", paramLabel = "FRACTION",
      description = "Share of the new name's early sources that also queried the old name (default: ${DEFAULT-VALUE}).")
  double renameMinContainment;

  @Option(names = "--rename-min-shared-sources", defaultValue = "2", paramLabel = "N",
      description = "Shared sources a rename needs (default: ${DEFAULT-VALUE}).")
  int renameMinSharedSources;

  @Option(names = "--rename-min-old-share", defaultValue = "0.5", paramLabel = "FRACTION",
      description = "Share of the old name's recent lookups the shared sources must have made (default: ${DEFAULT-VALUE}).")
  double renameMinOldShare;

  @Option(names = "--new-name-lookback", converter = Durations.class, paramLabel = "DURATION",
      description = "A name is newly seen after this long without lookups; nothing is new before the detector has watched this long (default: 30 windows, 30d at 1d).")
  Duration newNameLookback;

  @Option(names = "--dark-after", converter = Durations.class, paramLabel = "DURATION",
      description = "A regularly queried name is dark after this long without lookups (default: 3 windows, 3d at 1d).")
  Duration darkAfter;

  @Option(names = "--min-active-windows", defaultValue = "3", paramLabel = "N",
      description = "Windows with lookups a name needs before it can go dark (default: ${DEFAULT-VALUE}).")
  int minActiveWindows;

  @Option(names = "--lifecycle-ttl", converter = Durations.class, paramLabel = "DURATION",
      description = "A name is forgotten after this long without lookups (default: twice the longer of --new-name-lookback and --dark-after, 60d at 1d).")
  Duration lifecycleTtl;

  /**
   * The configuration these flags describe.
   *
   * @throws IllegalArgumentException when a value is out of range or values contradict each other
   */
  public DetectionConfig toConfig() {
    DetectionConfig.Builder builder = DetectionConfig.builder()
        .window(window).baselineWindows(baselineWindows)
        .minBaselineSources(minBaselineSources).maxRemainingSources(maxRemainingSources)
        .minQueries(minQueries)
        .maxBaselineShare(maxBaselineShare).exactSourceCap(exactSourceCap)
        .sourceGranularity(sourceGranularity).domainGranularity(domainGranularity)
        .closeAfterWindows(closeAfterWindows).maxStrayShare(maxStrayShare)
        .renameMaxSources(renameMaxSources).renameMinContainment(renameMinContainment)
        .renameMinSharedSources(renameMinSharedSources)
        .renameMinOldShare(renameMinOldShare).minActiveWindows(minActiveWindows);
    // durations left out follow the window (DetectionConfig.Builder#build)
    setIfGiven(grace, builder::grace);
    setIfGiven(renameMaxLag, builder::renameMaxLag);
    setIfGiven(newNameLookback, builder::newNameLookback);
    setIfGiven(darkAfter, builder::darkAfter);
    setIfGiven(lifecycleTtl, builder::lifecycleTtl);
    setIfGiven(minBaselineWindows, builder::minBaselineWindows);
    setIfGiven(minNarrowWindows, builder::minNarrowWindows);
    return builder.build();
  }

  /**
   * The values of the options whose default follows other settings, by long name without dashes: what
   * the effective configuration shows for them when they are not given.
   *
   * @throws IllegalArgumentException as {@link #toConfig()}
   */
  Map<String, String> derivedDefaults() {
    DetectionConfig config = toConfig();
    return Map.of("grace", DetectionConfig.text(config.grace()),
        "rename-max-lag", DetectionConfig.text(config.renameMaxLag()),
        "new-name-lookback", DetectionConfig.text(config.newNameLookback()),
        "dark-after", DetectionConfig.text(config.darkAfter()),
        "lifecycle-ttl", DetectionConfig.text(config.lifecycleTtl()),
        "min-baseline-windows", String.valueOf(config.minBaselineWindows()),
        "min-narrow-windows", String.valueOf(config.minNarrowWindows()));
  }

  private static <T> void setIfGiven(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
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

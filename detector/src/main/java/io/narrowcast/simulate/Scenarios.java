package io.narrowcast.simulate;

import java.util.List;

/** The built-in scenarios, by name. */
public final class Scenarios {
  /** Every scenario name, in the order evaluate runs them. */
  public static final List<String> NAMES = List.of(AlfaScenario.NAME, InjectedScenario.NAME);

  private Scenarios() {}

  /**
   * The scenario called {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Scenario byName(String name, long seed, BackgroundOptions background) {
    return switch (name) {
      case AlfaScenario.NAME -> new AlfaScenario(seed, background);
      case InjectedScenario.NAME -> new InjectedScenario(seed, background);
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "', expected one of: " + String.join(", ", NAMES));
    };
  }
}

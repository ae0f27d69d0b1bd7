package io.narrowcast.simulate;

import io.narrowcast.alert.AlertKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Scenario "alfa": the case of CASE.md, January to September 2016, inside ordinary background traffic. */
public final class AlfaScenario extends DailyScenario {
  public static final String NAME = "alfa";
  private final long seed;
  private final BackgroundOptions background;

  public AlfaScenario(long seed, BackgroundOptions background) {
    super(LocalDate.of(2016, 1, 1), LocalDate.of(2016, 9, 30));
    this.seed = seed;
    this.background = background;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ExpectedAlert> labels() {
    return List.of(
        new ExpectedAlert(AlertKind.QUERIER_COLLAPSE, AlfaCase.OLD_NAME, null, AlfaCase.NARROW_START, lastDay()),
        new ExpectedAlert(AlertKind.RENAME_FOLLOW, AlfaCase.NEW_NAME, AlfaCase.OLD_NAME,
            AlfaCase.RENAME_DAY, AlfaCase.RENAME_DAY));
  }

  @Override
  List<DayGenerator> generators() {
    SplittableRandom random = new SplittableRandom(seed);
    String[] resolvers = Addresses.publicIpv4(random.split(), background.resolvers(), AlfaCase.CASE_SOURCES);
    Set<String> caseNames = Set.of(AlfaCase.OLD_NAME, AlfaCase.NEW_NAME);
    return List.of(
        new AlfaCase(random.split(), resolvers),
        new Background(random.split(), background.names(), resolvers, background.eventsPerDay(), caseNames));
  }
}

package io.narrowcast.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A scenario's labels as a JSON document, shipped beside its events (simulate --labels-out). */
public final class ScenarioLabels {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScenarioLabels() {}

  public static String toJson(Scenario scenario, long seed) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("scenario", scenario.name());
    root.put("seed", seed);
    root.put("first_day", scenario.firstDay().toString());
    root.put("last_day", scenario.lastDay().toString());
    ArrayNode expected = root.putArray("expected_alerts");
    for (ExpectedAlert label : scenario.labels()) {
      expected.addObject()
          .put("kind", label.kind().name())
          .put("domain", label.domain())
          .put("previous_domain", label.previousDomain())
          .put("window_from", label.from().toString())
          .put("window_until", label.until().toString());
    }
    ArrayNode benign = root.putArray("look_alikes");
    for (LookAlike lookAlike : scenario.lookAlikes()) {
      benign.addObject().put("class", lookAlike.lookAlikeClass()).put("name_pattern", lookAlike.namePattern());
    }
    return root.toPrettyString();
  }
}

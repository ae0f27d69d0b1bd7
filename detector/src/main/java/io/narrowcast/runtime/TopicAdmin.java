package io.narrowcast.runtime;

import io.narrowcast.topics.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the detector's topics when they are missing. */
public final class TopicAdmin {
  private TopicAdmin() {}

  /** Creates each of {@code topics} that does not exist yet with the given partitions and replication. */
  public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replication)
      throws InterruptedException {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), partitions, replication));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ClusterException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** Partitions of {@code topic}. */
  public static int partitions(Admin admin, String topic) throws InterruptedException {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (ExecutionException e) {
      throw new ClusterException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}

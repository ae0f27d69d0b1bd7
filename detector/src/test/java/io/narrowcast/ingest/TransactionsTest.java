package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {
  static DnsEvent event(String name, Integer rcode, List<Answer> answers) {
    return DnsEvent.newBuilder().setEventTime(Instant.EPOCH).setSourceIp("10.0.0.1").setQuery(name)
        .setRcode(rcode).setAnswers(answers).setTransport(null).build();
  }

  @Test
  void aResponseFillsInItsWaitingQuery() {
    Transactions transactions = new Transactions(10, () -> 0);
    DnsEvent query = event("a.example", null, List.of());
    assertThat(transactions.query("t1", query)).isEmpty();
    DnsEvent joined = transactions.response("t1", event("a.example", 0, List.of(new Answer("A", 60L, "192.0.2.1"))));
    assertThat(joined).isSameAs(query);
    assertThat(joined.getRcode()).isZero();
    assertThat(joined.getAnswers()).containsExactly(new Answer("A", 60L, "192.0.2.1"));
    assertThat(transactions.waiting()).isZero();
  }

  @Test
  void onlyQueriesReadLongerAgoThanTheResponseWaitAreStale() {
    long[] now = {0};
    Transactions transactions = new Transactions(10, () -> now[0]);
    transactions.query("t1", event("old.example", null, List.of()));
    now[0] = Transactions.RESPONSE_WAIT.toNanos();
    transactions.query("t2", event("new.example", null, List.of()));
    assertThat(transactions.releaseStale()).isEmpty(); // exactly the wait is not yet too long
    now[0]++;
    assertThat(transactions.releaseStale()).extracting(DnsEvent::getQuery).containsExactly("old.example");
    assertThat(transactions.waiting()).isEqualTo(1);
  }

  @Test
  void aResponseWithoutQueryJoinsNothing() {
    assertThat(new Transactions(10, () -> 0).response("t1", event("a.example", 0, List.of()))).isNull();
  }

  @Test
  void theOldestQueryMakesRoomWhenTooManyWait() {
    Transactions transactions = new Transactions(2, () -> 0);
    DnsEvent first = event("first.example", null, List.of());
    transactions.query("t1", first);
    transactions.query("t2", event("second.example", null, List.of()));
    assertThat(transactions.query("t1", event("third.example", null, List.of()))).containsExactly(first);
    // the released query's transaction key is still waited on by the third: it gets the response
    assertThat(transactions.response("t1", event("third.example", 3, List.of())).getQuery()).isEqualTo("third.example");
    assertThat(transactions.releaseAll()).extracting(DnsEvent::getQuery).containsExactly("second.example");
    assertThat(transactions.waiting()).isZero();
  }
}

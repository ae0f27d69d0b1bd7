package io.narrowcast.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.ingest.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A dead letter as dlq shows it: a table row cut to fit, and a JSON line with everything. */
class DeadLetterTest {
  static final long TIME = Instant.parse("2026-05-01T12:00:03.250Z").toEpochMilli();
  static final byte[] LATIN1 = "{\"query\":\"caf\u00e9.example\"}".getBytes(StandardCharsets.ISO_8859_1);

  static ConsumerRecord<String, byte[]> record(byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(Topics.DEAD_LETTERS.name(), 0, 7, TIME, TimestampType.CREATE_TIME, 0, 0, "dns.jsonl:2", value,
        headers, Optional.empty());
  }

  static DeadLetter refused(RejectReason reason, String detail, String origin, byte[] value) {
    return DeadLetter.of(record(value, (RecordHeaders) DeadLetters.annotate(new RecordHeaders(), reason, detail, origin)));
  }

  @Test
  void theJsonLineHasEveryFieldAndTheBytesEscapedAndExactly() {
    DeadLetter letter = refused(RejectReason.BAD_CHARACTERS, "name holds a character no name can", "dns.jsonl:2", LATIN1);

    assertThat(letter.json()).isEqualTo("{\"time\":\"2026-05-01T12:00:03.250Z\",\"reason\":\"bad characters\","
        + "\"detail\":\"name holds a character no name can\",\"origin\":\"dns.jsonl:2\","
        + "\"value\":\"{\\\"query\\\":\\\"caf\\\\xe9.example\\\"}\",\"value_base64\":\"eyJxdWVyeSI6ImNhZukuZXhhbXBsZSJ9\"}");
  }

  @Test
  void aRowShowsTheTimeToTheSecondAndTheEscapedRecord() {
    DeadLetter letter = refused(RejectReason.BAD_CHARACTERS, "name holds a character no name can", "dns.jsonl:2", LATIN1);

    assertThat(DeadLetterTable.header()).isEqualTo(
        "TIME (UTC)           REASON             ORIGIN                            DETAIL                                    RECORD");
    assertThat(DeadLetterTable.row(letter)).isEqualTo(
        "2026-05-01 12:00:03  bad characters     dns.jsonl:2                       name holds a character no name can        "
            + "{\"query\":\"caf\\xe9.example\"}");
  }

  @Test
  void aRowCutsALongDetailAndALongRecordAndSaysHowLongTheRecordIs() {
    byte[] line = ("x".repeat(99) + "\u00e9" + "y".repeat(1000)).getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = refused(RejectReason.RECORD_TOO_LARGE, "line of 70000, at most 65536 characters, and some more words",
        "/var/log/zeek/dns.log:12", line);

    assertThat(DeadLetterTable.row(letter)).isEqualTo(
        "2026-05-01 12:00:03  record too large   /var/log/zeek/dns.log:12          line of 70000, at most 65536 characte...  "
            + "x".repeat(99) + "\u00e9... (1,101 bytes)");
  }

  @Test
  void aControlCharacterInTheDetailCannotReachTheTerminal() {
    DeadLetter letter = refused(RejectReason.UNPARSABLE, "bad \u001b[2Jname", "tcp://10.0.0.1:6000/1#3", new byte[0]);

    assertThat(DeadLetterTable.row(letter)).isEqualTo(
        "2026-05-01 12:00:03  unparsable         tcp://10.0.0.1:6000/1#3           bad \\x1b[2Jname");
  }

  @Test
  void aMessageWithoutHeadersIsShownWithDashesAndATombstoneIsNoDeadLetter() {
    DeadLetter foreign = DeadLetter.of(record("?".getBytes(StandardCharsets.UTF_8), new RecordHeaders()));

    assertThat(DeadLetterTable.row(foreign)).isEqualTo(
        "2026-05-01 12:00:03  -                  -                                 -                                         ?");
    assertThat(foreign.json()).isEqualTo("{\"time\":\"2026-05-01T12:00:03.250Z\",\"reason\":null,\"detail\":null,\"origin\":null,"
        + "\"value\":\"?\",\"value_base64\":\"Pw==\"}");
    assertThatThrownBy(() -> DeadLetter.of(record(null, new RecordHeaders()))).isInstanceOf(SerializationException.class)
        .hasMessage("empty message, not a dead letter");
  }
}

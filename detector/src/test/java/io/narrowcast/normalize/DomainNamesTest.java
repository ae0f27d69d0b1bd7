package io.narrowcast.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DomainNamesTest {
  static String labels(int count, int length) {
    return String.join(".", java.util.Collections.nCopies(count, "a".repeat(length)));
  }

  static void rejected(String name, RejectReason reason) {
    assertThatThrownBy(() -> DomainNames.normalize(name))
        .isInstanceOf(InvalidRecordException.class)
        .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
  }

  @Test
  void lowerCaseAndNoTrailingDot() throws InvalidRecordException {
    assertThat(DomainNames.normalize("Mail1.TRUMP-Email.com.")).isEqualTo("mail1.trump-email.com");
    assertThat(DomainNames.normalize("_ldap._tcp.DC._msdcs.example")).isEqualTo("_ldap._tcp.dc._msdcs.example");
    assertThat(DomainNames.normalize(".")).isEqualTo(".");
  }

  @Test
  void idnBecomesALabels() throws InvalidRecordException {
    assertThat(DomainNames.normalize("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
  }

  @Test
  void normalizingIsIdempotent() throws InvalidRecordException {
    String once = DomainNames.normalize("WWW.Bücher.de.");
    assertThat(DomainNames.normalize(once)).isEqualTo(once);
  }

  @Nested
  class Limits {
    @Test
    void aLabelOf63IsFineAnd64IsTooLong() throws InvalidRecordException {
      assertThat(DomainNames.normalize(labels(1, 63) + ".com")).hasSize(67);
      rejected(labels(1, 64) + ".com", RejectReason.LABEL_TOO_LONG);
    }

    @Test
    void anIdnLabelIsMeasuredAsItsALabel() throws InvalidRecordException {
      // "ü" + n × "a" becomes "xn--" + n × "a" + "-" + 3 characters: n = 55 is 63 octets, 56 is 64
      assertThat(DomainNames.normalize("ü" + "a".repeat(55) + ".de").indexOf('.')).isEqualTo(DomainNames.MAX_LABEL_OCTETS);
      rejected("ü" + "a".repeat(56) + ".de", RejectReason.LABEL_TOO_LONG);
    }

    @Test
    void aNameOf253CharactersIsFineAnd254IsTooLong() throws InvalidRecordException {
      String name253 = labels(4, 62) + "." + "a".repeat(1); // 4*62 + 4 dots + 1 = 253
      assertThat(name253).hasSize(253);
      assertThat(DomainNames.normalize(name253)).hasSize(DomainNames.MAX_NAME_TEXT);
      rejected(name253 + "a", RejectReason.NAME_TOO_LONG);
      assertThat(DomainNames.normalize(name253 + ".")).hasSize(253); // the trailing dot does not count
    }
  }

  @Test
  void badCharactersAndEmptyLabels() {
    rejected("living room._hap._tcp.local", RejectReason.BAD_CHARACTERS);
    rejected("a..b", RejectReason.BAD_CHARACTERS);
    rejected("x\\x00y.example", RejectReason.BAD_CHARACTERS);
    rejected("", RejectReason.MISSING_FIELD);
  }

  /** Zeek writes a non-printable byte of a name as \xNN: four characters that can tip a name over a limit. */
  @Test
  void anEscapedByteIsABadCharacterBeforeAnyLengthIsMeasured() {
    String over253 = "foo\\x00bar." + labels(4, 62); // 11 + 4*62 + 3 dots = 262 characters
    assertThat(over253).hasSize(262);
    rejected(over253, RejectReason.BAD_CHARACTERS);
    rejected(labels(1, 64) + ".foo\\x00bar.com", RejectReason.BAD_CHARACTERS); // a long label before the escape
    rejected("ü\\x00" + "a".repeat(60) + ".de", RejectReason.BAD_CHARACTERS); // IDNA would find the label too long
  }

  /** A dead letter's detail and a query's refusal: the character in words and by code point, counted from 1. */
  @Test
  void aBadCharacterIsNamedWithItsPositionCountedAsAPersonCounts() {
    refusedFor("bad name", "a space (U+0020) at position 4");
    refusedFor("a\tb.example", "a tab (U+0009) at position 2");
    refusedFor("x\u0001y.example", "a control character (U+0001) at position 2");
    refusedFor("x\u007fy.example", "a control character (U+007F) at position 2");
    refusedFor("02l21a0d002.(none)", "'(' (U+0028) at position 13");
    refusedFor("\uD83D\uDE00 x.example", "a space (U+0020) at position 2"); // an emoji is one character, two chars
    refusedFor("a\uFF3Cx00b.example", "'\\' (U+005C) at position 2 of its IDNA form");
  }

  static void refusedFor(String name, String detail) {
    assertThatThrownBy(() -> DomainNames.normalize(name)).isInstanceOf(InvalidRecordException.class).hasMessage(detail)
        .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(RejectReason.BAD_CHARACTERS));
  }

  @Test
  void aCharacterThatIdnaMapsToABadOneIsRefused() {
    rejected("a\uFF3Cx00b.example", RejectReason.BAD_CHARACTERS); // fullwidth reverse solidus becomes a backslash
  }

  @Test
  void registeredDomain() {
    assertThat(DomainNames.registeredDomain("mail1.trump-email.com")).isEqualTo("trump-email.com");
    assertThat(DomainNames.registeredDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(DomainNames.registeredDomain("com")).isEqualTo("com");
    assertThat(DomainNames.registeredDomain("host.corp.internal")).isEqualTo("host.corp.internal");
  }
}

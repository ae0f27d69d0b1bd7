package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PresentationNamesTest {
  static void refused(String text, RejectReason reason, String detail) {
    assertThatThrownBy(() -> PresentationNames.decode(text)).isInstanceOf(InvalidRecordException.class)
        .hasMessage(detail).satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
  }

  @Test
  void aNameWithoutEscapesIsItself() throws InvalidRecordException {
    assertThat(PresentationNames.decode("_ldap._tcp.DC._msdcs.example.")).isEqualTo("_ldap._tcp.DC._msdcs.example.");
    assertThat(PresentationNames.decode(".")).isEqualTo(".");
  }

  @Test
  void escapesGiveTheirBytes() throws InvalidRecordException {
    assertThat(PresentationNames.decode("\\065\\098c.example")).isEqualTo("Abc.example");
    assertThat(PresentationNames.decode("02l21a0d002.\\(none\\)")).isEqualTo("02l21a0d002.(none)");
    assertThat(PresentationNames.decode("a\\\\b\\;c\\\"d\\@e\\$f.example")).isEqualTo("a\\b;c\"d@e$f.example");
    assertThat(PresentationNames.decode("x\\001\\032y.example")).isEqualTo("x\u0001 y.example");
    assertThat(PresentationNames.decode("\\\\.example")).isEqualTo("\\.example"); // an escaped backslash, then a dot
  }

  /** BIND escapes every byte over 0x7e: a label whose bytes are UTF-8 is read as the text they spell. */
  @Test
  void utf8BytesAreTheirCharacters() throws InvalidRecordException {
    assertThat(PresentationNames.decode("b\\195\\188cher.example")).isEqualTo("bücher.example");
  }

  @Test
  void bytesThatAreNotUtf8AreBadCharacters() {
    refused("dr._dns-sd._udp.\\224\\169?\\001", RejectReason.BAD_CHARACTERS, "label \"\\224\\169?\\001\" is not UTF-8 text");
    refused("b\\252cher.example", RejectReason.BAD_CHARACTERS, "label \"b\\252cher\" is not UTF-8 text"); // Latin-1
  }

  /** The detector keys on the dotted name: a dot inside a label would make it another name. */
  @Test
  void aDotInsideALabelIsBadCharacters() {
    refused("a\\.b.example.com", RejectReason.BAD_CHARACTERS, "a label holds a dot: \"a\\.b.example.com\"");
    refused("a\\046b.example.com", RejectReason.BAD_CHARACTERS, "a label holds a dot: \"a\\046b.example.com\"");
  }

  @Test
  void whatIsNoEscapeIsUnparsable() {
    refused("\\256.example", RejectReason.UNPARSABLE, "escape \\256 is no byte in \"\\256.example\"");
    refused("\\12.example", RejectReason.UNPARSABLE, "a \\DDD escape without three digits in \"\\12.example\"");
    refused("a\\1", RejectReason.UNPARSABLE, "a \\DDD escape without three digits in \"a\\1\"");
    refused("example\\", RejectReason.UNPARSABLE, "name ends in a lone backslash: \"example\\\"");
  }
}

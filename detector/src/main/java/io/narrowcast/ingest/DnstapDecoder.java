package io.narrowcast.ingest;

import com.google.common.net.InetAddresses;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.dnstap.DnstapProtos;
import io.narrowcast.dnstap.DnstapProtos.SocketProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One dnstap payload (a protobuf {@code Dnstap} message) to a {@link ParseResult}. Lookups as a server
 * sees them count: {@code CLIENT_*} (a recursive resolver's clients) and {@code AUTH_*} (an
 * authoritative server's resolvers); the querier is the message's {@code query_address}. A query and
 * its response are the two {@link ParseResult.Half}s of one transaction. The server's own upstream
 * traffic ({@code RESOLVER_*}, {@code FORWARDER_*}), stub and tool messages and dynamic updates are
 * skipped. The DNS messages inside are wire format, decoded with dnsjava. Stateless and thread-safe.
 */
public final class DnstapDecoder {
  /** The Frame Streams content type of dnstap. */
  public static final String CONTENT_TYPE = "protobuf:dnstap.Dnstap";
  private static final int IPV4_OCTETS = 4;
  private static final int IPV6_OCTETS = 16;
  private static final int MAX_PORT = 65_535;

  private final String sensor;

  /** {@code sensor} names the events when the message carries no server identity. */
  public DnstapDecoder(String sensor) {
    this.sensor = sensor;
  }

  /** Decodes one payload; never throws for bad input. */
  public ParseResult decode(byte[] payload) {
    try {
      return decodeMessage(DnstapProtos.Dnstap.parseFrom(payload));
    } catch (InvalidProtocolBufferException e) {
      return new ParseResult.Rejected(RejectReason.UNPARSABLE, "not a dnstap message: " + e.getMessage());
    } catch (InvalidRecordException e) {
      return ParseResult.rejected(e);
    }
  }

  private ParseResult decodeMessage(DnstapProtos.Dnstap dnstap) throws InvalidRecordException {
    if (!dnstap.hasMessage()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "dnstap without a message");
    }
    DnstapProtos.Message message = dnstap.getMessage();
    DnstapProtos.Message.Type type = message.getType();
    boolean response;
    switch (type) {
      case CLIENT_QUERY, AUTH_QUERY -> response = false;
      case CLIENT_RESPONSE, AUTH_RESPONSE -> response = true;
      default -> {
        return new ParseResult.Skipped("dnstap " + type.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    Message dns = wire(response ? message.getResponseMessage() : message.getQueryMessage(), response);
    Record question = dns.getQuestion();
    if (question == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "DNS message without a question");
    }
    String source = address(message);
    Integer port = message.hasQueryPort() ? port(message.getQueryPort()) : null;
    String name = PresentationNames.decode(question.getName().toString(true)); // dnsjava escapes a name as BIND does
    DnsEvent event = DnsEvent.newBuilder()
        .setEventTime(time(message))
        .setSensor(dnstap.getIdentity().isEmpty() ? sensor : dnstap.getIdentity().toString(StandardCharsets.UTF_8))
        .setSourceIp(source)
        .setSourcePort(port)
        .setQuery(name)
        .setQtype(question.getType())
        .setRcode(response ? dns.getRcode() : null)
        .setAnswers(response ? answers(dns) : List.of())
        .setTransport(message.hasSocketProtocol() ? transport(message.getSocketProtocol()) : null)
        .build();
    String transaction = source + "|" + port + "|" + dns.getHeader().getID() + "|" + name.toLowerCase(Locale.ROOT)
        + "|" + question.getType();
    return new ParseResult.Half(event, transaction, response);
  }

  private static Message wire(ByteString bytes, boolean response) throws InvalidRecordException {
    if (bytes.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, response ? "no response_message" : "no query_message");
    }
    try {
      return new Message(bytes.toByteArray());
    } catch (IOException | RuntimeException e) {
      // dnsjava reports most malformed messages as WireParseException, some bad RDATA as unchecked exceptions
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "not a DNS message: " + e.getMessage());
    }
  }

  private static String address(DnstapProtos.Message message) throws InvalidRecordException {
    if (!message.hasQueryAddress()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no query_address");
    }
    byte[] bytes = message.getQueryAddress().toByteArray();
    if (bytes.length != IPV4_OCTETS && bytes.length != IPV6_OCTETS) {
      throw new InvalidRecordException(RejectReason.BAD_ADDRESS, "query_address of " + bytes.length + " octets");
    }
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)); // raw bytes: no name lookup
    } catch (UnknownHostException e) {
      throw new InvalidRecordException(RejectReason.BAD_ADDRESS, "query_address: " + e.getMessage());
    }
  }

  private static Integer port(int port) throws InvalidRecordException {
    if (port < 0 || port > MAX_PORT) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "query_port out of range: " + Integer.toUnsignedString(port));
    }
    return port;
  }

  /** When the query was made; a response without the query's time falls back to its own. */
  private static Instant time(DnstapProtos.Message message) throws InvalidRecordException {
    if (!message.hasQueryTimeSec() && !message.hasResponseTimeSec()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no query_time_sec or response_time_sec");
    }
    try {
      Instant time = message.hasQueryTimeSec()
          ? Instant.ofEpochSecond(message.getQueryTimeSec(), Integer.toUnsignedLong(message.getQueryTimeNsec()))
          : Instant.ofEpochSecond(message.getResponseTimeSec(), Integer.toUnsignedLong(message.getResponseTimeNsec()));
      time.toEpochMilli(); // events carry epoch milliseconds: a time beyond them cannot be counted or sent
      return time;
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "time out of range: " + e.getMessage());
    }
  }

  private static List<Answer> answers(Message dns) {
    List<Record> records = dns.getSection(Section.ANSWER);
    List<Answer> out = new ArrayList<>(records.size());
    for (Record record : records) {
      out.add(new Answer(Type.string(record.getType()), record.getTTL(), record.rdataToString()));
    }
    return out;
  }

  private static String transport(SocketProtocol protocol) {
    return switch (protocol) {
      case DNSCryptUDP -> "dnscrypt-udp";
      case DNSCryptTCP -> "dnscrypt-tcp";
      default -> protocol.name().toLowerCase(Locale.ROOT);
    };
  }
}

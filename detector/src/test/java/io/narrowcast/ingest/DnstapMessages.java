package io.narrowcast.ingest;

import com.google.common.net.InetAddresses;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.narrowcast.dnstap.DnstapProtos;
import io.narrowcast.dnstap.DnstapProtos.Message.Type;
import io.narrowcast.dnstap.DnstapProtos.SocketFamily;
import io.narrowcast.dnstap.DnstapProtos.SocketProtocol;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/** Builds dnstap payloads as a resolver would write them, for tests. */
public final class DnstapMessages {
  private DnstapMessages() {}

  /** A CLIENT_QUERY from {@code client}:{@code port} for {@code name}/{@code type}. */
  public static byte[] query(int id, String client, int port, String name, int type, Instant time) {
    Message dns = Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
    dns.getHeader().setID(id);
    return payload(Type.CLIENT_QUERY, client, port, time, dns).toByteArray();
  }

  /** The CLIENT_RESPONSE to it, answering with {@code address} (an A record) or NXDOMAIN when null. */
  public static byte[] response(int id, String client, int port, String name, int type, Instant time, String address) {
    Message dns = Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
    dns.getHeader().setID(id);
    dns.getHeader().setFlag(Flags.QR);
    if (address == null) {
      dns.getHeader().setRcode(Rcode.NXDOMAIN);
    } else {
      dns.addRecord(new ARecord(name(name), DClass.IN, 300, (Inet4Address) InetAddresses.forString(address)), Section.ANSWER);
    }
    return payload(Type.CLIENT_RESPONSE, client, port, time, dns).toByteArray();
  }

  /** A message of any type around a wire-format DNS message, for variations. */
  public static DnstapProtos.Dnstap payload(Type type, String client, int port, Instant time, Message dns) {
    InetAddress address = InetAddresses.forString(client);
    boolean response = type.getNumber() % 2 == 0;
    DnstapProtos.Message.Builder message = DnstapProtos.Message.newBuilder()
        .setType(type)
        .setSocketFamily(address instanceof Inet4Address ? SocketFamily.INET : SocketFamily.INET6)
        .setSocketProtocol(SocketProtocol.UDP)
        .setQueryAddress(ByteString.copyFrom(address.getAddress()))
        .setQueryPort(port)
        .setQueryTimeSec(time.getEpochSecond())
        .setQueryTimeNsec(time.getNano());
    ByteString wire = ByteString.copyFrom(dns.toWire());
    if (response) {
      message.setResponseMessage(wire).setResponseTimeSec(time.getEpochSecond() + 1);
    } else {
      message.setQueryMessage(wire);
    }
    return DnstapProtos.Dnstap.newBuilder().setType(DnstapProtos.Dnstap.Type.MESSAGE).setMessage(message).build();
  }

  /** A payload back as a message, to vary it. */
  public static DnstapProtos.Dnstap parse(byte[] payload) {
    try {
      return DnstapProtos.Dnstap.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}

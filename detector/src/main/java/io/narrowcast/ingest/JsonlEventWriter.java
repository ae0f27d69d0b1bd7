package io.narrowcast.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Writes events in the form {@link JsonlEventParser} reads: one object a line, mnemonics for types and codes. */
public final class JsonlEventWriter implements AutoCloseable {
  private final JsonGenerator out;

  public JsonlEventWriter(OutputStream stream) {
    try {
      out = Json.MAPPER.getFactory().createGenerator(stream, JsonEncoding.UTF8);
      out.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(DnsEvent event) {
    try {
      out.writeStartObject();
      out.writeStringField("event_time", event.getEventTime().toString());
      out.writeStringField("sensor", event.getSensor());
      out.writeStringField("source_ip", event.getSourceIp());
      if (event.getSourcePort() != null) {
        out.writeNumberField("source_port", event.getSourcePort());
      }
      out.writeStringField("query", event.getQuery());
      out.writeStringField("qtype", Type.string(event.getQtype()));
      if (event.getRcode() != null) {
        out.writeStringField("rcode", Rcode.string(event.getRcode()));
      }
      out.writeArrayFieldStart("answers");
      for (Answer answer : event.getAnswers()) {
        out.writeStartObject();
        out.writeStringField("type", answer.getType());
        if (answer.getTtl() != null) {
          out.writeNumberField("ttl", answer.getTtl());
        }
        out.writeStringField("data", answer.getData());
        out.writeEndObject();
      }
      out.writeEndArray();
      if (event.getTransport() != null) {
        out.writeStringField("transport", event.getTransport());
      }
      out.writeEndObject();
      out.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pushes buffered lines to the stream without closing it. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.narrowcast.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP endpoint with a stand-in for Kafka Streams: status codes, tokens, parameters, forwarding. */
class QueryServerTest {
  static final String TOKEN = "s3cret-token-0123456789";
  static final Instant START = Instant.parse("2016-05-04T00:00:00Z");
  static final Instant END = Instant.parse("2016-05-05T00:00:00Z");

  @TempDir
  Path dir;
  final HttpClient client = HttpClient.newHttpClient();
  final List<QueryServer> servers = new ArrayList<>();
  final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
  /** What the stand-in store was asked: domain, from, to. */
  final List<String> asked = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(QueryServer::close);
  }

  /** A window of mail1: 217.12.97.15 made 3 lookups, 217.12.96.15 one. */
  static DomainQueriers.Window window() {
    QuerierSet set = new QuerierSet(64);
    for (String source : List.of("217.12.97.15", "217.12.96.15", "217.12.97.15", "217.12.97.15")) {
      set.add(source, START.plusSeconds(60).toEpochMilli(), Outcome.ANSWERED, List.of("66.216.133.29"));
    }
    return DomainQueriers.Window.of(START, END, set);
  }

  QueryServer server(Optional<BearerToken> token, QuerierSets sets) {
    QueryServer server = new QueryServer(new InetSocketAddress("127.0.0.1", 0), token);
    server.start(new QueryServer.Backend(state::get, () -> "narrowcast_events_in_total 7.0\n", sets, name -> name));
    servers.add(server);
    return server;
  }

  QueryServer local() {
    return server(Optional.empty(), (domain, from, to) -> {
      asked.add(domain + " " + from + " " + to);
      return new QuerierSets.Answer.Found("127.0.0.1:1", List.of(window()));
    });
  }

  HttpResponse<String> get(QueryServer server, String path, String... headers) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  BearerToken token() throws IOException {
    Path file = dir.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    return BearerToken.fromFile(file);
  }

  @Test
  void readyOnlyWhileRunningAndHealthyUntilStreamsFails() throws Exception {
    QueryServer server = local();
    assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
    assertThat(get(server, "/health").statusCode()).isEqualTo(200);

    state.set(KafkaStreams.State.REBALANCING);
    assertThat(get(server, "/ready")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).isEqualTo("REBALANCING\n");
    });
    assertThat(get(server, "/health").statusCode()).isEqualTo(200);

    state.set(KafkaStreams.State.ERROR);
    assertThat(get(server, "/health").statusCode()).isEqualTo(503);
  }

  @Test
  void theQuerierSetAsJsonWithSharesAndTheNormalizedName() throws Exception {
    HttpResponse<String> response = get(local(), "/api/domains/MAIL1.Trump-Email.COM./queriers?from=2016-05-04&to=2016-05-04T12:00:00Z");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(asked).containsExactly("mail1.trump-email.com 2016-05-04T00:00:00Z 2016-05-04T12:00:00Z");
    DomainQueriers body = QueryServer.mapper().readValue(response.body(), DomainQueriers.class);
    assertThat(body).isEqualTo(new DomainQueriers("mail1.trump-email.com", "2016-05-04T00:00:00Z",
        "2016-05-04T12:00:00Z", "127.0.0.1:1", List.of(new DomainQueriers.Window(
            "2016-05-04T00:00:00Z", "2016-05-05T00:00:00Z", 4, 0, 2, true, "217.12.97.15", "2016-05-04T00:01:00Z",
            List.of(new DomainQueriers.Source("217.12.97.15", 3, 0.75), new DomainQueriers.Source("217.12.96.15", 1, 0.25)),
            List.of("66.216.133.29")))));
    assertThat(response.body()).contains("\"window_start\":\"2016-05-04T00:00:00Z\"", "\"served_by\":\"127.0.0.1:1\"");
  }

  @Test
  void unboundedQueriesAskForEverythingAndSayNull() throws Exception {
    HttpResponse<String> response = get(local(), "/api/domains/example.com/queriers");

    assertThat(asked).containsExactly("example.com 1970-01-01T00:00:00Z " + QueryTimes.LATEST);
    assertThat(response.body()).startsWith("{\"domain\":\"example.com\",\"from\":null,\"to\":null,");
  }

  @Test
  void mistakesAreClientErrorsWithAReason() throws Exception {
    QueryServer server = local();
    assertThat(get(server, "/api/domains/bad..name/queriers")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"empty label in \\\"bad..name\\\"\"}");
    });
    assertThat(get(server, "/api/domains/example.com/queriers?from=yesterday")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("'yesterday' is not a time");
    });
    assertThat(get(server, "/api/domains/example.com/queriers?from=2016-05-05&to=2016-05-04").statusCode()).isEqualTo(400);
    assertThat(get(server, "/api/domains/example.com").statusCode()).isEqualTo(404);
    assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.address().getPort() + "/ready")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(asked).isEmpty();
  }

  @Test
  void withATokenMetricsAndApiNeedItButProbesDoNot() throws Exception {
    QueryServer server = server(Optional.of(token()), (domain, from, to) -> new QuerierSets.Answer.Found("x:1", List.of()));

    for (String path : List.of("/metrics", "/api/domains/example.com/queriers")) {
      assertThat(get(server, path)).satisfies(r -> {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      });
      assertThat(get(server, path, "Authorization", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
      assertThat(get(server, path, "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
      assertThat(get(server, path, "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }
    assertThat(get(server, "/metrics", "Authorization", "Bearer " + TOKEN).body()).isEqualTo("narrowcast_events_in_total 7.0\n");
    assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
    assertThat(get(server, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void aDomainOwnedElsewhereIsAskedThereWithTheCallersToken() throws Exception {
    BearerToken token = token();
    QueryServer owner = server(Optional.of(token), (domain, from, to) -> new QuerierSets.Answer.Found("owner:2", List.of(window())));
    QueryServer other = server(Optional.of(token),
        (domain, from, to) -> new QuerierSets.Answer.Elsewhere("127.0.0.1:" + owner.address().getPort()));

    HttpResponse<String> response = get(other, "/api/domains/mail1.trump-email.com/queriers?from=2016-05-04", "Authorization", token.header());

    assertThat(response.statusCode()).isEqualTo(200);
    DomainQueriers body = QueryServer.mapper().readValue(response.body(), DomainQueriers.class);
    assertThat(body.servedBy()).isEqualTo("owner:2");
    assertThat(body.from()).isEqualTo("2016-05-04T00:00:00Z");
    assertThat(body.windows()).containsExactly(window());
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    QueryServer first = server(Optional.empty(), (domain, from, to) -> new QuerierSets.Answer.Elsewhere("127.0.0.1:1"));
    QueryServer second = server(Optional.empty(),
        (domain, from, to) -> new QuerierSets.Answer.Elsewhere("127.0.0.1:" + first.address().getPort()));

    // second → first; first thinks the owner is elsewhere again (ownership moving) and says so
    HttpResponse<String> response = get(second, "/api/domains/example.com/queriers");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"error\":\"ownership of example.com is moving; retry\"}");
  }

  @Test
  void anUnreachableOwnerIsABadGatewayAndRebalancingIsUnavailable() throws Exception {
    QueryServer unreachable = server(Optional.empty(), (domain, from, to) -> new QuerierSets.Answer.Elsewhere("127.0.0.1:1"));
    QueryServer rebalancing = server(Optional.empty(), (domain, from, to) -> new QuerierSets.Answer.Unavailable("rebalancing"));

    assertThat(get(unreachable, "/api/domains/example.com/queriers").statusCode()).isEqualTo(502);
    assertThat(get(rebalancing, "/api/domains/example.com/queriers").body()).isEqualTo("{\"error\":\"rebalancing\"}");
  }

  @Test
  void aShortTokenIsRefused() throws IOException {
    Path file = dir.resolve("short");
    Files.writeString(file, "abc\n");
    assertThatThrownBy(() -> BearerToken.fromFile(file))
        .hasMessageStartingWith("the token in " + file + " has 3 characters, at least 16 are needed");
  }
}

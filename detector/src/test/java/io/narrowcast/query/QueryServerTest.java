package io.narrowcast.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
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
    return started(new QueryServer(new InetSocketAddress("127.0.0.1", 0), token), () -> "narrowcast_events_in_total 7.0\n", sets);
  }

  QueryServer started(QueryServer server, Supplier<String> scrape, QuerierSets sets) {
    servers.add(server);
    server.start(new QueryServer.Backend(state::get, scrape, sets, name -> name));
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
    // an answer that does not come fails the test instead of hanging it
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
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
  void readySaysBelowTheStateWhenEachRuleCanAlert() throws Exception {
    QueryServer server = new QueryServer(new InetSocketAddress("127.0.0.1", 0), Optional.empty());
    servers.add(server);
    server.start(new QueryServer.Backend(state::get, () -> "", (domain, from, to) -> null, name -> name,
        () -> List.of("collapse: still learning, able to alert from 2016-01-06T00:00:00Z")));
    assertThat(get(server, "/ready")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("RUNNING\ncollapse: still learning, able to alert from 2016-01-06T00:00:00Z\n");
    });
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

  /** The root is the name "."; a client that removes dot segments from paths can send it escaped. */
  @Test
  void theRootIsAskedForAsADot() throws Exception {
    QueryServer server = local();
    // a literal /./ is a dot segment that clients and servers remove (RFC 3986): the root is asked for as %2E
    assertThat(get(server, "/api/domains/%2E/queriers").body()).startsWith("{\"domain\":\".\",");
    assertThat(asked).containsExactly(". 1970-01-01T00:00:00Z " + QueryTimes.LATEST);
  }

  @Test
  void mistakesAreClientErrorsWithAReason() throws Exception {
    QueryServer server = local();
    String holds = "; a name holds letters, digits, hyphens, underscores and dots (an IDN in Unicode or as xn--)";
    assertThat(get(server, "/api/domains/bad..name/queriers")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"'bad..name' is not a DNS name: empty label in \\\"bad..name\\\"" + holds + "\"}");
    });
    assertThat(get(server, "/api/domains/bad%20name/queriers")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"error\":\"'bad name' is not a DNS name: a space (U+0020) at position 4" + holds + "\"}");
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

    String noToken = "{\"error\":\"a bearer token is required: send Authorization: Bearer TOKEN with the token in the "
        + "detector's --http-token-file\"}";
    String wrongToken = "{\"error\":\"the bearer token sent is not this detector's: send the one in the detector's "
        + "--http-token-file\"}";
    for (String path : List.of("/metrics", "/api/domains/example.com/queriers")) {
      assertThat(get(server, path)).satisfies(r -> {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(r.body()).isEqualTo(noToken);
      });
      for (String wrong : List.of("Bearer wrong-token-0123456789", "Basic " + TOKEN)) {
        assertThat(get(server, path, "Authorization", wrong)).satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(401);
          assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
          assertThat(r.body()).isEqualTo(wrongToken);
        });
      }
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

  /** The caller's token was right here: a 401 from the owner would tell them to fix a token they cannot fix. */
  @Test
  void anOwnerThatRefusesTheTokenThisInstanceAcceptsIsABadGatewayNamingTheFix() throws Exception {
    Path otherFile = Files.writeString(dir.resolve("other-token"), "another-token-0123456789\n");
    QueryServer owner = server(Optional.of(BearerToken.fromFile(otherFile)),
        (domain, from, to) -> new QuerierSets.Answer.Found("owner:2", List.of(window())));
    String ownerAddress = "127.0.0.1:" + owner.address().getPort();
    QueryServer other = server(Optional.of(token()), (domain, from, to) -> new QuerierSets.Answer.Elsewhere(ownerAddress));

    HttpResponse<String> response = get(other, "/api/domains/mail1.trump-email.com/queriers", "Authorization", token().header());

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"error\":\"the instance that owns this domain (" + ownerAddress + ") answered "
        + "401 to a request this one accepted: give every instance the same --http-token-file\"}");
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
  void headAnswersWithoutABody() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + local().address().getPort() + "/health")).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void thePortIsHeldFromConstructionToCloseStartedOrNot() {
    InetSocketAddress address;
    try (QueryServer unstarted = new QueryServer(new InetSocketAddress("127.0.0.1", 0), Optional.empty())) {
      address = unstarted.address();
      assertThatThrownBy(() -> new QueryServer(address, Optional.empty()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot listen on 127.0.0.1:" + address.getPort());
    }
    try (QueryServer again = new QueryServer(address, Optional.empty())) {
      assertThat(again.address()).isEqualTo(address);
    }
  }

  @Test
  void aShortTokenIsRefused() throws IOException {
    Path file = dir.resolve("short");
    Files.writeString(file, "abc\n");
    assertThatThrownBy(() -> BearerToken.fromFile(file))
        .hasMessageStartingWith("the token in " + file + " has 3 characters, at least 16 are needed");
  }

  /** Clients that are slow, silent or many: they are cut after a bound, and the probes keep answering. */
  @Nested
  class SlowAndManyClients {
    static final String PARTIAL_REQUEST_LINE = "GET /health HT";
    final List<Socket> sockets = new ArrayList<>();
    final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void closeSockets() throws IOException {
      drip.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }

    Socket connect(QueryServer server, int receiveBuffer) throws IOException {
      Socket socket = new Socket();
      sockets.add(socket);
      socket.setReceiveBufferSize(receiveBuffer);
      socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()));
      return socket;
    }

    Socket send(QueryServer server, String text) throws IOException {
      Socket socket = connect(server, 64 * 1024);
      socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return socket;
    }

    /** Whether the server has closed {@code socket}: whatever it sent is read, then the end or a reset. */
    boolean closedByServer(Socket socket) throws IOException {
      return bytesUntilClosed(socket) >= 0;
    }

    /** The bytes left to read on {@code socket} before the server's close, or -1 while it stays open. */
    long bytesUntilClosed(Socket socket) throws IOException {
      socket.setSoTimeout(50);
      InputStream in = socket.getInputStream();
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
        }
        return total;
      } catch (SocketTimeoutException e) {
        return -1;
      } catch (SocketException e) {
        return total;
      }
    }

    QueryServer bounded(HttpLimits limits, Supplier<String> scrape, QuerierSets sets) {
      return started(new QueryServer(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), limits), scrape, sets);
    }

    @Test
    void probesAndQueriesAnswerWhileAHundredClientsHoldHalfOpenRequests() throws Exception {
      // a long head timeout keeps all hundred open however slow the machine
      QueryServer server = bounded(new HttpLimits(Duration.ofMinutes(1), Duration.ofMinutes(1), 8192, 512, 16), () -> "",
          (domain, from, to) -> new QuerierSets.Answer.Found("127.0.0.1:1", List.of()));
      for (int i = 0; i < 100; i++) {
        send(server, PARTIAL_REQUEST_LINE);
      }

      // each get fails after 10 s without an answer; the JDK's server of 4 threads never answered
      for (int round = 0; round < 5; round++) {
        assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
      }
      assertThat(get(server, "/api/domains/example.com/queriers").statusCode()).isEqualTo(200);
      assertThat(closedByServer(sockets.get(0))).as("the first half-open connection is still open").isFalse();
    }

    @Test
    void aClientThatSendsNothingOrItsHeadAByteAtATimeIsCutAfterTheHeadTimeout() throws Exception {
      // the idle timeout is long: only the head timeout can cut a client that sends a byte every 100 ms
      QueryServer server = bounded(new HttpLimits(Duration.ofSeconds(1), Duration.ofMinutes(1), 8192, 16, 4), () -> "", null);
      Socket silent = connect(server, 64 * 1024);
      Socket dripping = send(server, "GET /health HTTP/1.1\r\nX-Slow: ");
      OutputStream out = dripping.getOutputStream();
      drip.scheduleAtFixedRate(() -> {
        try {
          out.write('a');
        } catch (IOException closed) {
          throw new IllegalStateException("the server closed the connection", closed);
        }
      }, 0, 100, TimeUnit.MILLISECONDS);

      await().atMost(Duration.ofSeconds(15)).until(() -> closedByServer(silent) && closedByServer(dripping));
    }

    @Test
    void aClientThatNeverReadsItsAnswerHoldsNoPlaceAndIsCutAfterTheIdleTimeout() throws Exception {
      // more than the loopback buffers hold for a client with a small receive buffer, so the answer stalls
      String metrics = "x".repeat(8 * 1024 * 1024);
      String request = "GET /metrics HTTP/1.1\r\nHost: narrowcast\r\n\r\n";
      QueryServer server = bounded(new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(2), 8192, 2, 1), () -> metrics, null);
      Socket first = connect(server, 4096);
      first.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(15)).until(() -> first.getInputStream().available() > 0);

      // the stalled answer holds neither the one request place nor a thread
      assertThat(get(server, "/metrics").body()).hasSize(metrics.length());

      // a second stalled client takes the last connection: a probe waits until the idle timeout cuts one
      Socket second = connect(server, 4096);
      second.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> probe(server, Duration.ofSeconds(1)) == 200);
      assertThat(bytesUntilClosed(first)).isNotNegative().isLessThan(metrics.length());
    }

    int probe(QueryServer server, Duration timeout) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/health"))
          .timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void connectionsBeyondTheCapWaitUntilTheHeadTimeoutFreesOne() throws Exception {
      QueryServer server = bounded(new HttpLimits(Duration.ofSeconds(5), Duration.ofMinutes(1), 8192, 2, 4), () -> "", null);
      connect(server, 64 * 1024);
      connect(server, 64 * 1024);

      assertThatThrownBy(() -> probe(server, Duration.ofSeconds(1))).isInstanceOf(HttpTimeoutException.class);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> probe(server, Duration.ofSeconds(1)) == 200);
    }

    @Test
    void slowQueriesTakeAtMostTheirPlacesAndTheProbesNeverWaitBehindThem() throws Exception {
      CountDownLatch ownerAnswers = new CountDownLatch(1);
      AtomicInteger waiting = new AtomicInteger();
      // a query that waits as one forwarded to a slow instance does
      QueryServer server = bounded(new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 8192, 64, 4), () -> "", (domain, from, to) -> {
        waiting.incrementAndGet();
        try {
          ownerAnswers.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new QuerierSets.Answer.Found("owner:2", List.of());
      });
      List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        slow.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
            + "/api/domains/example.com/queriers")).build(), HttpResponse.BodyHandlers.ofString()));
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> waiting.get() == 4);

      for (int round = 0; round < 5; round++) {
        assertThat(probe(server, Duration.ofSeconds(5))).isEqualTo(200);
      }
      assertThat(get(server, "/api/domains/example.com/queriers")).satisfies(r -> {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).isEqualTo("{\"error\":\"busy: 4 requests in progress; retry\"}");
      });
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(503);

      ownerAnswers.countDown();
      for (CompletableFuture<HttpResponse<String>> response : slow) {
        assertThat(response.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(get(server, "/api/domains/example.com/queriers").statusCode()).isEqualTo(200);
    }

    @Test
    void aHeadLargerThanTheBoundIsRefused() throws Exception {
      HttpResponse<String> response = get(local(), "/health", "X-Big", "a".repeat(16 * 1024));

      assertThat(response.statusCode()).isEqualTo(431);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }
  }
}

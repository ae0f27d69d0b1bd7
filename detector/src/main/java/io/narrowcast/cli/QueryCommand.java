package io.narrowcast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.narrowcast.query.BearerToken;
import io.narrowcast.query.DomainQueriers;
import io.narrowcast.query.QueryNames;
import io.narrowcast.query.QueryServer;
import io.narrowcast.query.QueryTimes;
import io.narrowcast.runtime.ClusterException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** narrowcast query: who queried a domain, window by window, asked of a running detector. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Show who queried DOMAIN, window by window, from the state of a running detector (narrowcast run).")
final class QueryCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Parameters(paramLabel = "DOMAIN", description = "The domain (any case, trailing dot or not, IDN or A-label).")
  String domain;

  @Option(names = "--from", paramLabel = "TIME", description = "Windows from this time: 2016-05-04 or 2016-05-04T12:00:00Z.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Windows until this time.")
  String to;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
      description = "The detector's HTTP endpoint; any instance will do (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--http-token-file", paramLabel = "FILE", description = "File holding the endpoint's bearer token.")
  Path httpTokenFile;

  @Option(names = "--json", description = "Print the endpoint's JSON as it is.")
  boolean json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    QueryNames.normalize(domain);
    QueryTimes.parse(from, null);
    QueryTimes.parse(to, null);
    HttpResponse<String> response = get(request());
    if (json) {
      System.out.println(response.body());
    } else {
      print(System.out, QueryServer.mapper().readValue(response.body(), DomainQueriers.class));
    }
    return 0;
  }

  private HttpRequest request() throws IOException {
    List<String> params = new ArrayList<>();
    if (from != null) {
      params.add("from=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
    }
    if (to != null) {
      params.add("to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
    }
    String base = url.toString().replaceFirst("/+$", "");
    URI target = URI.create(base + "/api/domains/" + URLEncoder.encode(domain, StandardCharsets.UTF_8).replace("+", "%20")
        + "/queriers" + (params.isEmpty() ? "" : "?" + String.join("&", params)));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT).header("Accept", "application/json");
    if (httpTokenFile != null) {
      request.header("Authorization", KeyFiles.read(httpTokenFile, "--http-token-file", BearerToken::fromFile).header());
    }
    return request.build();
  }

  private HttpResponse<String> get(HttpRequest request) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof UnresolvedAddressException) { // a typo, as an unresolvable --bootstrap-servers is
          throw new UserException("cannot resolve the host of --url " + url + ": is it spelled right?");
        }
      }
      // the flags may be right and the detector down or restarting: a failure while running, as for Kafka
      throw new ClusterException("cannot reach " + url + " (" + e + "): is narrowcast run listening there?", e);
    }
    int status = response.statusCode();
    if (status == 401) {
      throw new UserException(httpTokenFile == null
          ? "the detector at " + url + " requires a bearer token: give --http-token-file with a file holding the "
              + "detector's token"
          : "the token in --http-token-file " + httpTokenFile + " was refused by " + url + ": it is not the detector's "
              + "token (the one in the detector's --http-token-file)");
    }
    if (status >= 400 && status < 500) {
      throw new UserException(errorOf(response));
    }
    if (status != 200) {
      throw new ClusterException("the detector could not answer now (HTTP " + status + "): " + errorOf(response));
    }
    return response;
  }

  private static String errorOf(HttpResponse<String> response) {
    try {
      JsonNode body = QueryServer.mapper().readTree(response.body());
      return body.path("error").asText(response.body());
    } catch (JsonProcessingException e) {
      return response.body();
    }
  }

  static void print(PrintStream out, DomainQueriers queriers) {
    out.printf(Locale.ROOT, "%s: %d window(s)%s, served by %s%n", queriers.domain(), queriers.windows().size(),
        range(queriers), queriers.servedBy());
    for (DomainQueriers.Window window : queriers.windows()) {
      out.printf(Locale.ROOT, "  %s .. %s UTC   %d lookups by %s%d source(s), %d NXDOMAIN%s%n",
          TIME.format(Instant.parse(window.windowStart())), TIME.format(Instant.parse(window.windowEnd())),
          window.queries(), window.exact() ? "" : "about ", window.distinctSources(), window.nxdomain(),
          window.answers().isEmpty() ? "" : ", answers " + String.join(" ", window.answers()));
      for (DomainQueriers.Source source : window.sources()) {
        out.printf(Locale.ROOT, "    %-40s %7d lookups  %5.1f%%%n", source.source(), source.queries(), source.share() * 100);
      }
    }
  }

  private static String range(DomainQueriers queriers) {
    String from = queriers.from() == null ? "" : " from " + queriers.from();
    String to = queriers.to() == null ? "" : " to " + queriers.to();
    return from + to;
  }
}

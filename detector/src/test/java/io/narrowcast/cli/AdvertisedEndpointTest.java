package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * What run advertises to other instances, on machines described by hand: bound to every address, it
 * must never advertise a name or address that leads back to the instance that forwards a query.
 */
class AdvertisedEndpointTest {
  static final HostInfo EVERY_ADDRESS = new HostInfo("0.0.0.0", 8080);

  /** A machine with {@code name} (null: none), the addresses its names resolve to, and those of its up interfaces. */
  record Machine(String name, Map<String, List<InetAddress>> hosts, List<InetAddress> interfaceAddresses)
      implements AdvertisedEndpoint.Network {
    @Override
    public String canonicalName() throws UnknownHostException {
      if (name == null) {
        throw new UnknownHostException("no name");
      }
      return name;
    }

    @Override
    public List<InetAddress> resolve(String host) {
      return hosts.containsKey(host) ? hosts.get(host) : List.of(ip(host)); // a literal resolves to itself
    }
  }

  /** An address literal: never a lookup. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal + " is not an address literal", e);
    }
  }

  static final Machine DEBIAN_LAPTOP = new Machine("laptop", Map.of("laptop", List.of(ip("127.0.1.1"))),
      List.of(ip("fe80::1"), ip("192.168.1.20"), ip("172.17.0.1")));

  @Test
  void theFlagWinsAndASpecificBindAddressIsItself() {
    AdvertisedEndpoint flag = AdvertisedEndpoint.choose(new HostInfo("detector-1.internal", 9000), EVERY_ADDRESS, DEBIAN_LAPTOP);
    AdvertisedEndpoint bound = AdvertisedEndpoint.choose(null, new HostInfo("127.0.0.1", 0), DEBIAN_LAPTOP);

    assertThat(flag.at(8080)).isEqualTo(new HostInfo("detector-1.internal", 9000));
    assertThat(flag.why()).isEqualTo("as --http-advertise says");
    assertThat(bound.at(41234)).isEqualTo(new HostInfo("127.0.0.1", 41234));
    assertThat(bound.why()).isEqualTo("the --http-bind address");
  }

  @Test
  void everyAddressAdvertisesTheHostsNameWhenItResolvesBeyondLoopback() {
    Machine server = new Machine("detector-1.example.net", Map.of("detector-1.example.net", List.of(ip("10.0.3.7"))),
        List.of(ip("10.0.3.7")));

    AdvertisedEndpoint chosen = AdvertisedEndpoint.choose(null, EVERY_ADDRESS, server);

    assertThat(chosen.at(8080)).isEqualTo(new HostInfo("detector-1.example.net", 8080));
    assertThat(chosen.why()).isEqualTo("this host's name, which resolves to 10.0.3.7");
  }

  /** Debian names the host 127.0.1.1 in /etc/hosts: its name led other instances back to themselves. */
  @Test
  void everyAddressAdvertisesTheFirstIpv4AddressOfAnInterfaceWhenTheNameIsLoopbackOrUnknown() {
    Machine nameless = new Machine(null, Map.of(), List.of(ip("10.9.8.7")));

    Map.of(DEBIAN_LAPTOP, "192.168.1.20", nameless, "10.9.8.7").forEach((machine, address) -> {
      AdvertisedEndpoint chosen = AdvertisedEndpoint.choose(null, new HostInfo("::", 8080), machine);

      assertThat(chosen.at(8080)).isEqualTo(new HostInfo(address, 8080));
      assertThat(chosen.why()).isEqualTo("this host's first IPv4 address on an interface that is up, its name being "
          + "unknown or loopback");
    });
  }

  @Test
  void everyAddressWithNothingRoutableIsRefusedAskingForTheFlag() {
    Machine isolated = new Machine("localhost", Map.of("localhost", List.of(ip("127.0.0.1"), ip("::1"))), List.of(ip("fe80::1")));

    assertThatThrownBy(() -> AdvertisedEndpoint.choose(null, EVERY_ADDRESS, isolated))
        .isInstanceOf(UserException.class)
        .hasMessage("--http-bind 0.0.0.0:8080 listens on every address, but this host has no name or address other "
            + "instances could reach it by (its name is unknown or loopback, and no interface that is up has an IPv4 "
            + "address other than loopback): give --http-advertise HOST:PORT");
  }
}

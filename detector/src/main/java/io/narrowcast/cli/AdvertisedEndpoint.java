package io.narrowcast.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How other instances reach this one's HTTP endpoint (Kafka Streams' {@code application.server}, where
 * they forward queries), and why that: {@code --http-advertise}; else the {@code --http-bind} host;
 * else, bound to every address, a name or address of this host that another host can reach, never
 * loopback, which would send every forwarded query back to the instance that forwards it.
 *
 * @param host the host advertised
 * @param port the port advertised, or 0 for the port the endpoint is bound to
 * @param why where the host comes from, for the line that shows it
 */
record AdvertisedEndpoint(String host, int port, String why) {
  /** What the machine says about its names and addresses; tests give their own. */
  interface Network {
    /**
     * This host's canonical name.
     *
     * @throws UnknownHostException when it has none
     */
    String canonicalName() throws UnknownHostException;

    /**
     * The addresses {@code host} resolves to.
     *
     * @throws UnknownHostException when it resolves to none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The addresses of the interfaces that are up, loopback aside, in the order of the interfaces' indexes. */
    List<InetAddress> interfaceAddresses() throws SocketException;
  }

  /** The machine's own answers. */
  static final Network SYSTEM = new Network() {
    @Override
    public String canonicalName() throws UnknownHostException {
      return InetAddress.getLocalHost().getCanonicalHostName();
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      return List.of(InetAddress.getAllByName(host));
    }

    @Override
    public List<InetAddress> interfaceAddresses() throws SocketException {
      return NetworkInterface.networkInterfaces().filter(AdvertisedEndpoint::isUpAndNotLoopback)
          .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
          .flatMap(NetworkInterface::inetAddresses).toList();
    }
  };

  /**
   * Chooses before anything starts, so that a host nobody could reach is refused at once.
   *
   * @param advertise {@code --http-advertise}, or null
   * @param bind {@code --http-bind}, its host known to resolve
   * @throws UserException when the endpoint is bound to every address and this host has no name or
   *     address that another host could reach
   */
  static AdvertisedEndpoint choose(HostInfo advertise, HostInfo bind, Network network) {
    if (advertise != null) {
      return new AdvertisedEndpoint(advertise.host(), advertise.port(), "as --http-advertise says");
    }
    if (!isEveryAddress(bind.host(), network)) {
      return new AdvertisedEndpoint(bind.host(), 0, "the --http-bind address");
    }
    Optional<AdvertisedEndpoint> byName = byName(network);
    if (byName.isPresent()) {
      return byName.get();
    }
    Optional<InetAddress> address = routableInterfaceAddress(network);
    if (address.isPresent()) {
      return new AdvertisedEndpoint(address.get().getHostAddress(), 0,
          "this host's first IPv4 address on an interface that is up, its name being unknown or loopback");
    }
    throw new UserException("--http-bind " + bind.host() + ":" + bind.port() + " listens on every address, but this "
        + "host has no name or address other instances could reach it by (its name is unknown or loopback, and no "
        + "interface that is up has an IPv4 address other than loopback): give --http-advertise HOST:PORT");
  }

  /** The endpoint as advertised, once the endpoint is bound to {@code boundPort}. */
  HostInfo at(int boundPort) {
    return new HostInfo(host, port == 0 ? boundPort : port);
  }

  private static boolean isEveryAddress(String host, Network network) {
    try {
      return network.resolve(host).stream().anyMatch(InetAddress::isAnyLocalAddress);
    } catch (UnknownHostException e) {
      throw new UserException("--http-bind: unknown host " + host);
    }
  }

  /** This host's name when it resolves to an address another host could reach; an IPv6 literal would need brackets. */
  private static Optional<AdvertisedEndpoint> byName(Network network) {
    try {
      String name = network.canonicalName();
      if (name.contains(":")) {
        return Optional.empty();
      }
      return network.resolve(name).stream().filter(AdvertisedEndpoint::isRoutable).findFirst().map(address ->
          new AdvertisedEndpoint(name, 0, "this host's name, which resolves to " + address.getHostAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> routableInterfaceAddress(Network network) {
    try {
      return network.interfaceAddresses().stream()
          .filter(address -> address instanceof Inet4Address && isRoutable(address)).findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  /** An address that can name this host to another one: not loopback, wildcard, link-local or multicast. */
  private static boolean isRoutable(InetAddress address) {
    return !address.isLoopbackAddress() && !address.isAnyLocalAddress() && !address.isLinkLocalAddress()
        && !address.isMulticastAddress();
  }

  private static boolean isUpAndNotLoopback(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}

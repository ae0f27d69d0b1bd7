package io.narrowcast.ingest;

/** Responder ports that sensors log as DNS but that are not unicast DNS lookups. */
final class Ports {
  private Ports() {}

  /** "netbios-ns", "mdns" or "llmnr" for their responder ports, else null (unicast DNS, or unknown). */
  static String nonDnsProtocol(String responderPort) {
    if (responderPort == null) {
      return null;
    }
    return switch (responderPort) {
      case "137" -> "netbios-ns";
      case "5353" -> "mdns";
      case "5355" -> "llmnr";
      default -> null;
    };
  }
}

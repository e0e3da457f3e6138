package dev.itsm.directory.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from, for per-address sign-in limits. Behind a proxy, turn on Quarkus' forwarded
 * header support (quarkus.http.proxy.proxy-address-forwarding and trusted-proxies) so that this is the client's.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        return request != null && request.remoteAddress() != null ? request.remoteAddress().hostAddress() : null;
    }
}

package dev.itsm.kit.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a POST that created a resource: 201, its location below the request path, and its view. */
public final class Created {
    private Created() {
    }

    public static Response at(UriInfo uri, Object id, Object view) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(view).build();
    }
}

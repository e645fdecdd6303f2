package io.github.coalesce.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/metadata")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    @Inject
    MetadataService metadata;

    @Inject
    CoalesceHeaders headers;

    @GET
    public Response site() {
        SiteMetadata computed = metadata.site();
        return headers.of(Response.ok(computed), "site-metadata", computed.computedAt());
    }
}

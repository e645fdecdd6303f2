package io.github.coalesce.runtime.views;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.coalesce.Viewers;

/**
 * What the viewer relation stores instead of the viewer: {@code h:} and the URL-safe Base64 of
 * HMAC-SHA-256(secret, viewer). Without the secret the hash cannot be turned back into an address by trying every
 * address (there are only four billion IPv4 ones, a plain hash would not protect them). Authenticated viewers
 * ({@link Viewers#signedIn(String)}) are stored as they are only when the application opts in, so that it can ask
 * "what did this user view"; otherwise they are hashed like addresses.
 */
public final class ViewerHasher implements UnaryOperator<String> {

    private final SecretKeySpec key;
    private final boolean storePrincipals;
    private final ThreadLocal<Mac> macs;

    /**
     * @param secret the HMAC key; at least 16 characters
     * @param storePrincipals whether {@code user:name} viewers are stored as they are
     * @param property the property that holds the secret, named in the error
     * @throws IllegalArgumentException naming {@code property} when the secret is missing or too short
     */
    public ViewerHasher(String secret, boolean storePrincipals, String property) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(property + " is required when the viewer relation is on: the key of"
                    + " the HMAC-SHA-256 that replaces each viewer (an address or a principal) before it is stored");
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException(property + " must be at least 16 characters long (it is "
                    + secret.length() + "): a short key can be guessed, and with it every stored address");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.storePrincipals = storePrincipals;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @param viewer the viewer as the request gave it ({@code user:name} or {@code address:host})
     * @return the form stored in the relation
     */
    @Override
    public String apply(String viewer) {
        if (storePrincipals && Viewers.isSignedIn(viewer)) {
            return viewer;
        }
        byte[] hash = macs.get().doFinal(viewer.getBytes(StandardCharsets.UTF_8));
        return "h:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}

package dev.itsm.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Tokens that every service must refuse from now on. Either one token ({@code tokenId} = its {@code jti}, key
 * {@code revoked-token:<jti>}), or every token of a person or integration issued at or before {@code notBefore}
 * (key {@code revoked-subject:<subjectId>}; a later revocation of the same subject replaces an earlier one).
 *
 * @param expiresAt when the revoked token would have expired anyway; null for a subject revocation
 * @param version   increases with every revocation of the same key; projections ignore older versions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialRevoked(
        String subjectId,
        CredentialKind subjectKind,
        String tokenId,
        Instant notBefore,
        Instant expiresAt,
        String reason,
        String revokedBy,
        Instant revokedAt,
        long version) {

    public String key() {
        return tokenId != null ? DirectoryKeys.revokedToken(tokenId) : DirectoryKeys.revokedSubject(subjectId);
    }
}

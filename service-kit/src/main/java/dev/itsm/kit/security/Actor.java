package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is acting: a person (id = directory person id), an integration (id = client id) or the service itself.
 * {@code roles} are the plain role codes (the token's {@code groups}) for coarse checks; {@code scopedRoles} say
 * for which service each role is held and through which group, and are what record checks use.
 */
public record Actor(String id, Set<String> roles, List<ScopedRole> scopedRoles, Kind kind) {

    public enum Kind { PERSON, INTEGRATION, SYSTEM, ANONYMOUS }

    public Actor {
        roles = Set.copyOf(roles);
        scopedRoles = List.copyOf(scopedRoles);
    }

    /** A person whose roles are all held for every service (tests of pure rules, tokens without scoped roles). */
    public Actor(String id, Set<String> roles) {
        this(id, roles, roles.stream().map(ScopedRole::global).toList(), id == null ? Kind.ANONYMOUS : Kind.PERSON);
    }

    public static Actor person(String id, List<ScopedRole> scopedRoles) {
        return new Actor(id, codes(scopedRoles), scopedRoles, Kind.PERSON);
    }

    public static Actor integration(String clientId, Set<String> scopes) {
        return new Actor(clientId, scopes, scopes.stream().map(ScopedRole::global).toList(), Kind.INTEGRATION);
    }

    public static Actor system(String serviceName) {
        return new Actor(serviceName, Set.of(), List.of(), Kind.SYSTEM);
    }

    public static Actor anonymous() {
        return new Actor(null, Set.of(), List.of(), Kind.ANONYMOUS);
    }

    /** Coarse: holds any of the roles, for whatever service. */
    public boolean hasAny(RoleCode... candidates) {
        return Arrays.stream(candidates).anyMatch(this::holds);
    }

    /** Holds the role for at least one service. */
    public boolean holds(RoleCode role) {
        return scopedRoles.stream().anyMatch(s -> s.role().equals(role.name()));
    }

    /** Holds the role for this service (or for every service). */
    public boolean holdsFor(RoleCode role, String serviceCode) {
        return scopedRoles.stream().anyMatch(s -> s.role().equals(role.name()) && s.reaches(serviceCode));
    }

    /** Holds the role for every service. */
    public boolean holdsGlobally(RoleCode role) {
        return scopedRoles.stream().anyMatch(s -> s.role().equals(role.name()) && s.serviceCode() == null);
    }

    /** The services the role is held for; empty when it is held for every service. */
    public Optional<Set<String>> servicesFor(RoleCode role) {
        if (holdsGlobally(role)) {
            return Optional.empty();
        }
        return Optional.of(scopedRoles.stream().filter(s -> s.role().equals(role.name()))
                .map(ScopedRole::serviceCode).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    public boolean memberOf(String groupCode) {
        return groupCode != null && scopedRoles.stream().anyMatch(s -> groupCode.equals(s.groupCode()));
    }

    /** The directory groups the actor belongs to. */
    public Set<String> groups() {
        return scopedRoles.stream().map(ScopedRole::groupCode).filter(g -> g != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean is(String otherId) {
        return id != null && id.equals(otherId);
    }

    public boolean isIntegration() {
        return kind == Kind.INTEGRATION;
    }

    public boolean isPerson() {
        return kind == Kind.PERSON;
    }

    private static Set<String> codes(List<ScopedRole> scoped) {
        return scoped.stream().map(ScopedRole::role).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

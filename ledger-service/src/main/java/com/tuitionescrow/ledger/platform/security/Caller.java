package com.tuitionescrow.ledger.platform.security;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling: the token's subject, its roles and, for an institution, the one institution it
 * may see. Every change records its caller as the actor.
 */
public record Caller(String subject, Set<Role> roles, String institutionId) {

    public static final String ACTOR = "actor";

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        if (roles.contains(Role.INSTITUTION) && institutionId == null) {
            throw new IllegalArgumentException("an INSTITUTION caller names its institution");
        }
    }

    /** The ledger itself acting on a schedule (expiring orders, confirming by window). */
    public static Caller system(String task) {
        return new Caller("system:" + task, Set.of(), null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether this caller may see the institution's data. Roles other than INSTITUTION that reached
     * an endpoint were let through by the endpoint's rule and see every institution.
     */
    public boolean canSee(String institutionOfResource) {
        if (roles.stream().anyMatch(r -> r != Role.INSTITUTION)) {
            return true;
        }
        return institutionOfResource != null && institutionOfResource.equals(institutionId);
    }

    /** The actor as the journal shows it: subject and roles. */
    public String actor() {
        String roleList = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        return roleList.isEmpty() ? subject : subject + " (" + roleList + ")";
    }

    public Map<String, Object> metaData() {
        return Map.of(ACTOR, actor());
    }
}

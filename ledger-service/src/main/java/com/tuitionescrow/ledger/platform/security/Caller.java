package com.tuitionescrow.ledger.platform.security;

import com.tuitionescrow.ledger.platform.web.Forbidden;
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
     * Whether this caller may see the institution's data at an endpoint where the roles named see
     * every institution: through one of those roles, or as that institution itself. A token's other
     * roles widen nothing here (a BANK and INSTITUTION token is still one institution's at an
     * endpoint BANK does not serve).
     */
    public boolean canSee(String institutionOfResource, Role... seeingEveryInstitution) {
        for (Role role : seeingEveryInstitution) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return roles.contains(Role.INSTITUTION)
                && institutionOfResource != null
                && institutionOfResource.equals(institutionId);
    }

    /**
     * The institution a list is read for, at an endpoint where the roles named read every
     * institution's: the one asked for, or when none is, every institution (null) for those roles
     * and its own for an INSTITUTION. Another institution's is forbidden: the caller named it, so
     * there is nothing to hide by answering 404.
     */
    public String listScope(String requestedInstitutionId, Role... seeingEveryInstitution) {
        boolean seesEvery = canSee(null, seeingEveryInstitution);
        String scope = requestedInstitutionId != null || seesEvery ? requestedInstitutionId : institutionId;
        if (!seesEvery && (scope == null || !canSee(scope, seeingEveryInstitution))) {
            throw new Forbidden("an institution reads only its own lists");
        }
        return scope;
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

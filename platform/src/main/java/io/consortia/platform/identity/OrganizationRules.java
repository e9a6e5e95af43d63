package io.consortia.platform.identity;

/**
 * What creating a user of an organisation needs to know about organisations. The organisation
 * feature sits above identity (it uses callers and users) and answers this, so that identity
 * depends on no feature.
 */
public interface OrganizationRules {

    /** 403 when the caller may not add users to the organisation, 404 when there is no such organisation. */
    void requireCanAddUsers(Caller caller, long organizationId);
}

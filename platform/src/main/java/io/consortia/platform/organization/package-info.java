/** Organisations (组织): created by a platform admin; their users are listed and added here. */
package io.consortia.platform.organization;

/**
 * The web console's frame: sign-in page, dashboard, language switching, the layout's model
 * (who is signed in, what their role may see) and error pages. Each feature's pages live in
 * that feature's package ({@code *Pages} controllers marked {@link io.consortia.platform.web.ConsolePage}), next to its
 * REST controller; pages read through the feature's services and write through the REST API
 * (the browser posts JSON with the CSRF header), so validation and problem messages are the
 * API's own.
 */
package io.consortia.platform.console;

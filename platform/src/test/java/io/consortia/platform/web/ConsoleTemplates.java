package io.consortia.platform.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a part of a console template with a page model and the console's messages, without a
 * running platform or browser: a fast check that what a page model carries reaches the page, in
 * both languages.
 */
public final class ConsoleTemplates {
    private static final SpringTemplateEngine ENGINE = engine();

    private ConsoleTemplates() {}

    /**
     * @param template e.g. {@code console/monitoring}
     * @param selector the markup to render, e.g. {@code table#monitoring-nodes}
     */
    public static String render(String template, String selector, Locale locale, Map<String, Object> model) {
        return ENGINE.process(template, Set.of(selector), new Context(locale, model));
    }

    /**
     * As {@link #render(String, String, Locale, Map)}, for markup that calls beans
     * ({@code ${@alertTexts.summary(a)}}, {@code ${@fmt.time(t)}}): {@code beans} by name.
     */
    public static String render(String template, String selector, Locale locale, Map<String, Object> model,
            Map<String, Object> beans) {
        GenericApplicationContext context = new GenericApplicationContext();
        beans.forEach(context.getBeanFactory()::registerSingleton);
        context.refresh();
        Context variables = new Context(locale, model);
        variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, null));
        // beans read the reader's language where a request would have put it
        LocaleContextHolder.setLocale(locale);
        try {
            return ENGINE.process(template, Set.of(selector), variables);
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    /** The console's messages as the platform reads them (UTF-8, no fallback to this machine's locale). */
    public static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/console");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages());
        // Links are context-relative (/console/...); outside a web request the context path is empty.
        engine.setLinkBuilder(new StandardLinkBuilder() {
            @Override
            protected String computeContextPath(IExpressionContext context, String base, Map<String, Object> parameters) {
                return "";
            }
        });
        return engine;
    }
}

package io.qingstor.installer.core.engine;

import freemarker.core.InvalidReferenceException;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import io.qingstor.installer.core.plan.Plan;
import io.qingstor.installer.core.plan.PlanTemplates;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders a plan's templates. A failure says which variable, template file, step and node, e.g.
 * {@code template templates/a.conf.ftl (step push, node n-1): unknown variable vars.s3_prot at
 * line 3, column 9}.
 */
final class TemplateRenderer {
  private final PlanTemplates templates;

  TemplateRenderer(Plan plan) {
    this.templates = plan.directory() == null ? null : new PlanTemplates(plan.directory());
  }

  /** A template that did not render; the message is meant for the step's log and error. */
  static final class RenderException extends Exception {
    private static final long serialVersionUID = 1L;

    RenderException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  String render(String relative, Map<String, Object> model, String step, String nodeId)
      throws RenderException {
    String where = "template " + relative + " (step " + step + ", node " + nodeId + ")";
    if (templates == null) {
      throw new RenderException(where + ": the plan has no directory to read templates from",
          null);
    }
    try {
      Template template = templates.template(relative);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (InvalidReferenceException e) {
      throw new RenderException(where + ": unknown variable " + e.getBlamedExpressionString()
          + position(e), e);
    } catch (TemplateException e) {
      String first = e.getMessageWithoutStackTop().lines().findFirst().orElse("");
      throw new RenderException(where + ": " + first + position(e), e);
    } catch (IOException e) {
      throw new RenderException(where + ": " + e.getMessage(), e);
    }
  }

  private static String position(TemplateException e) {
    return e.getLineNumber() == null ? ""
        : " at line " + e.getLineNumber() + ", column " + e.getColumnNumber();
  }
}

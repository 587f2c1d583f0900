package io.qingstor.installer.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.qingstor.installer.api.model.NodeRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns Jackson's failures into an InvalidRequest that names the field and says what was expected. */
final class JsonErrors {
  private JsonErrors() {}

  static QsApiException toInvalidRequest(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return new QsApiException(RetCode.INVALID_REQUEST,
          "request exceeds the JSON limits: " + firstLine(e.getOriginalMessage()));
    }
    if (e instanceof DatabindException && !((JsonMappingException) e).getPath().isEmpty()) {
      JsonMappingException mapping = (JsonMappingException) e;
      String field = path(mapping.getPath());
      return QsApiException.invalidField(field, expectation(mapping));
    }
    if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
      return new QsApiException(RetCode.INVALID_REQUEST,
          "malformed JSON" + at(e.getLocation()) + ": unexpected content after the JSON object");
    }
    return new QsApiException(RetCode.INVALID_REQUEST,
        "malformed JSON" + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage())
            + pythonHint(e.getOriginalMessage()));
  }

  /** {@code storage_nodes[0].replica} from Jackson's reference chain. */
  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? "request" : out.toString();
  }

  private static String expectation(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      Collection<Object> known = ((UnrecognizedPropertyException) e).getKnownPropertyIds();
      return "unknown field; expected one of: "
          + new TreeSet<>(known.stream().map(String::valueOf).collect(Collectors.toList()));
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return firstLine(e.getCause().getMessage());
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      String wanted = describe(target);
      if (wanted != null) {
        return "must be " + wanted;
      }
    }
    return firstLine(e.getOriginalMessage());
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean (true/false or 0/1)";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == NodeRef.class) {
      return "a node id string or {\"node_id\": \"...\"}";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return null;
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String pythonHint(String message) {
    if (message != null && message.matches("(?s).*Unrecognized token '(True|False|None)'.*")) {
      return " (JSON spells these true, false and null: the Python-style True/False/None of the"
          + " seed document's examples is not JSON)";
    }
    return "";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

package io.qingstor.installer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/** Booleans as JSON {@code true}/{@code false} or the integers 0/1 (the seed's convention); nothing else. */
final class StrictBooleanDeserializer extends StdScalarDeserializer<Boolean> {
  private static final long serialVersionUID = 1L;

  StrictBooleanDeserializer() {
    super(Boolean.class);
  }

  @Override
  public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    switch (p.currentToken()) {
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        if (p.getIntValue() == 0 || p.getIntValue() == 1) {
          return p.getIntValue() == 1;
        }
        break;
      default:
        break;
    }
    return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p.currentToken(), p,
        "must be a boolean (true/false or 0/1)");
  }
}

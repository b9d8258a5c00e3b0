package vn.hotline1022.commons.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON value that parsed but breaks one of {@link JsonInputRules}; its message is the field error shown. */
public class RejectedValueException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    public RejectedValueException(JsonParser parser, String message) {
        super(parser, message);
    }
}

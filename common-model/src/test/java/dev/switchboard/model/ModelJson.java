package dev.switchboard.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** The JSON and validation setup the services use, for the model's unit tests. */
public final class ModelJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private ModelJson() {
    }

    /** The property paths that fail validation, sorted, such as {@code [command, env[KEY].<map value>]}. */
    public static Set<String> invalidPaths(Object value) {
        Set<String> paths = new TreeSet<>();
        for (ConstraintViolation<Object> violation : VALIDATOR.validate(value)) {
            paths.add(violation.getPropertyPath().toString());
        }
        return paths;
    }
}

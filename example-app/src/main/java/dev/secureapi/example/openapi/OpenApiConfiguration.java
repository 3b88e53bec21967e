package dev.secureapi.example.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: every operation needs a bearer access token unless it declares
 * otherwise. Swagger UI is on in the default (development) setting and off in
 * {@code prod} ({@code springdoc.swagger-ui.enabled}).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	/** The name of the bearer security scheme. */
	public static final String BEARER = "bearer-jwt";

	@Bean
	OpenAPI exampleOpenApi() {
		return new OpenAPI()
			.info(new Info().title("secure-api example")
				.version("v1")
				.description("A secure user API built from the secure-api starters."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from POST /api/v1/token")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}

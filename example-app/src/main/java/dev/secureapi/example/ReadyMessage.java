package dev.secureapi.example;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where the running application answers, once it is ready.
 */
@Component
class ReadyMessage implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReadyMessage.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext context)
				|| context.getWebServer() == null) {
			return;
		}
		Environment environment = event.getApplicationContext().getEnvironment();
		String url = "http://localhost:" + context.getWebServer().getPort();
		String docs = environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, false)
				? " (Swagger UI: " + url + "/swagger-ui.html)" : "";
		logger.info("Example app ready at " + url + "/api/v1" + docs);
	}

}

package dev.secureapi.security.problem;

import java.util.Map;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Replaces Tomcat's error report valve (the HTML page for requests Tomcat refuses before
 * the application sees them) with {@link ProblemErrorReportValve}. It runs after Spring
 * Boot's own Tomcat customizer, which installs a plain {@link ErrorReportValve} on the
 * host.
 */
class ProblemErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final ProblemResponseWriter writer;

	private final Map<String, String> headers;

	private final String requestIdHeader;

	ProblemErrorReportValveCustomizer(ProblemResponseWriter writer, Map<String, String> headers,
			String requestIdHeader) {
		this.writer = writer;
		this.headers = headers;
		this.requestIdHeader = requestIdHeader;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers(this::install);
	}

	private void install(Context context) {
		Container parent = context.getParent();
		if (!(parent instanceof Host host)) {
			return;
		}
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemErrorReportValve(this.writer, this.headers, this.requestIdHeader));
		if (host instanceof StandardHost standardHost) {
			// the host adds its own error report valve at start unless one of this class
			// is present
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

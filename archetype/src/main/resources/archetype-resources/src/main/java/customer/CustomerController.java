package ${package}.customer;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer API under {@code /api/v1/customers}. Every call needs an access token (see the security
 * configuration); invalid input is answered 400 problem+json naming each invalid field.
 */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerController {

	private final CustomerService service;

	CustomerController(CustomerService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CustomerResponse> create(@Valid @RequestBody CreateCustomerRequest request) {
		CustomerResponse customer = this.service.create(request);
		return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id())).body(customer);
	}

	@GetMapping
	CustomerPage list(@RequestParam(defaultValue = "0") @PositiveOrZero long after,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.service.page(after, limit);
	}

	@GetMapping("/{id}")
	CustomerResponse get(@PathVariable long id) {
		return this.service.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer has this id."));
	}

}

package dev.frontdesk.call.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.call.model.CallDelivery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;

@ApplicationScoped
public class CallDeliveryRepository implements PanacheRepository<CallDelivery> {
}

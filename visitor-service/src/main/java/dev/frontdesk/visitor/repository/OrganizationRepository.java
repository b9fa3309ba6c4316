package dev.frontdesk.visitor.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.visitor.model.Organization;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, String> {
}

package dev.frontdesk.visitor.service;

import java.util.List;

public record NewSite(String name, List<String> allowedDomains, boolean active, boolean demo) {
}

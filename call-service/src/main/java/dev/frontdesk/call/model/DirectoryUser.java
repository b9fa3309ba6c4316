package dev.frontdesk.call.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A staff member or client of a company. {@link #userId} is the {@code sub} of their JWT. */
@Entity
@Table(name = "directory_user")
public class DirectoryUser {

    public static final String STAFF = "staff";
    public static final String CLIENT = "client";

    @Id
    public UUID id;

    @Column(name = "org_id", nullable = false)
    public String orgId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "company_id", nullable = false)
    public UUID companyId;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String name;

    public String email;

    @Column(name = "avatar_url")
    public String avatarUrl;

    public String phone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.frontdesk.booking.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.booking.model.BookingMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BookingMemberRepository implements PanacheRepositoryBase<BookingMember, UUID> {

    /** Every member of the booking, booked or cancelled, in the order they booked (a list the caller may extend). */
    public Uni<List<BookingMember>> ofBooking(UUID bookingId) {
        return list("bookingId", Sort.by("createdAt").and("memberKey"), bookingId).map(ArrayList::new);
    }

    /** Persists new members (none is fine). */
    public Uni<Void> add(List<BookingMember> added) {
        return added.isEmpty() ? Uni.createFrom().voidItem() : persist(added);
    }
}

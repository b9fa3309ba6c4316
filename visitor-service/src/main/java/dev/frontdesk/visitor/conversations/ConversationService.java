package dev.frontdesk.visitor.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.frontdesk.platform.problem.ResourceNotFoundException;
import dev.frontdesk.visitor.invites.InviteService.Staff;
import dev.frontdesk.visitor.widget.TrackService;
import dev.frontdesk.visitor.widget.VisitorIds;
import dev.frontdesk.visitor.widget.WidgetSite;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Conversations and their messages. The widget acts for its visitor (a visitor's conversations only; a conversation
 * without a visitor is reachable by its id on its site); staff act within their organization.
 */
@ApplicationScoped
public class ConversationService {

    /** Who is asking: a widget (site and maybe visitor) or a staff member. */
    public sealed interface Party {
    }

    public record WidgetParty(WidgetSite site, UUID visitorId) implements Party {
    }

    public record StaffParty(Staff staff) implements Party {
    }

    public record View(UUID id, String visitorId, UUID siteId, String subject, String status, Instant createdAt,
            Instant updatedAt) {

        static View of(Conversation c) {
            return new View(c.id, c.visitorId == null ? null : VisitorIds.format(c.visitorId), c.siteId, c.subject,
                    c.status, c.createdAt, c.updatedAt);
        }
    }

    public record MessageView(UUID id, String sender, String senderId, String senderName, String text, Instant sentAt) {

        static MessageView of(Message m) {
            return new MessageView(m.id, m.senderType, m.senderId, m.senderName, m.body, m.sentAt);
        }
    }

    private final TrackService tracking;
    private final Pool pool;
    private final Clock clock;

    public ConversationService(TrackService tracking, Pool pool, Clock clock) {
        this.tracking = tracking;
        this.pool = pool;
        this.clock = clock;
    }

    /** Starts a conversation; with a visitor id it is linked to that visitor, who is created if new. */
    public Uni<View> start(WidgetSite site, UUID visitorId, String subject, String firstMessage, String userAgent) {
        Uni<UUID> visitor = visitorId == null ? Uni.createFrom().nullItem()
                : tracking.touch(pool, site, visitorId, userAgent)
                        // Another site's visitor id: the conversation is not linked to that visitor.
                        .map(tracked -> tracked == null ? null : visitorId);
        return visitor.chain(linked -> Panache.withTransaction(() -> {
            Instant now = clock.instant();
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.orgId = site.orgId();
            conversation.siteId = site.id();
            conversation.visitorId = linked;
            conversation.subject = subject;
            conversation.status = "open";
            conversation.createdAt = now;
            conversation.updatedAt = now;
            return persistNew(conversation).call(saved -> firstMessage == null || firstMessage.isBlank()
                    ? Uni.createFrom().voidItem()
                    : add(saved, "visitor", senderOf(linked), null, firstMessage));
        })).map(View::of);
    }

    public Uni<List<View>> ofVisitor(String org, UUID visitorId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("from Conversation where orgId = :org and visitorId = :visitor order by createdAt desc",
                        Conversation.class)
                .setParameter("org", org).setParameter("visitor", visitorId).getResultList()))
                .map(all -> all.stream().map(View::of).toList());
    }

    public Uni<List<MessageView>> messages(Party party, UUID conversationId) {
        return Panache.withSession(() -> accessible(party, conversationId).chain(conversation -> Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                        "from Message where conversationId = :id order by sentAt, id", Message.class)
                        .setParameter("id", conversation.id).getResultList())))
                .map(all -> all.stream().map(MessageView::of).toList());
    }

    public Uni<MessageView> post(Party party, UUID conversationId, String text) {
        return Panache.withTransaction(() -> accessible(party, conversationId).chain(conversation -> party instanceof StaffParty staff
                ? add(conversation, "staff", staff.staff().id(), staff.staff().name(), text)
                : add(conversation, "visitor", senderOf(conversation.visitorId), null, text)))
                .map(MessageView::of);
    }

    private Uni<Conversation> accessible(Party party, UUID conversationId) {
        return Panache.getSession().chain(session -> session.find(Conversation.class, conversationId)).map(conversation -> {
            boolean allowed = conversation != null && (party instanceof WidgetParty widget
                    ? conversation.siteId.equals(widget.site().id())
                            && (conversation.visitorId == null || conversation.visitorId.equals(widget.visitorId()))
                    : conversation.orgId.equals(((StaffParty) party).staff().org()));
            if (!allowed) {
                throw new ResourceNotFoundException("No conversation " + conversationId + ".");
            }
            return conversation;
        });
    }

    private Uni<Message> add(Conversation conversation, String senderType, String senderId, String senderName, String text) {
        Instant now = clock.instant();
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.conversationId = conversation.id;
        message.senderType = senderType;
        message.senderId = senderId;
        message.senderName = senderName;
        message.body = text.strip();
        message.sentAt = now;
        conversation.updatedAt = now;
        return Panache.getSession().chain(session -> session.persist(message)).replaceWith(message);
    }

    private static Uni<Conversation> persistNew(Conversation conversation) {
        return Panache.getSession().chain(session -> session.persist(conversation)).replaceWith(conversation);
    }

    private static String senderOf(UUID visitorId) {
        return visitorId == null ? "anonymous" : VisitorIds.format(visitorId);
    }
}

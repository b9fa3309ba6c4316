package dev.frontdesk.notification.service;

import io.smallrye.mutiny.Uni;

/**
 * Writes a just-committed notification to the sockets of this replica, without waiting for the fan-out topic to
 * bring it back (the topic still brings it to every replica; a socket that has the frame already skips it). Marks
 * the delivery delivered when a socket was reached.
 */
public interface LocalFanout {

    Uni<Void> deliver(NotificationEvents.Fanout fanout);
}

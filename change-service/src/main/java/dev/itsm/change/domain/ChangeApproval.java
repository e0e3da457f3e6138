package dev.itsm.change.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A CAB or ECAB decision on a change, kept as the record of who decided what. */
@Entity
@Table(name = "change_approval")
public class ChangeApproval extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "change_id")
    public UUID changeId;
    @Column(name = "approver_id")
    public String approverId;
    public String decision;
    @Column(columnDefinition = "text")
    public String comment;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** Counted towards the board's quorum. */
    @Column(name = "as_board")
    public boolean asBoard;
    /** Given as the service's Business Owner. */
    @Column(name = "as_business_owner")
    public boolean asBusinessOwner;
}

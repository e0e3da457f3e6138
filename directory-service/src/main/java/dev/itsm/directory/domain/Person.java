package dev.itsm.directory.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.itsm.contracts.Channel;
import dev.itsm.contracts.directory.RoleAssignment;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {
    @Id
    public UUID id;
    public String username;
    @Column(name = "display_name")
    public String displayName;
    public String email;
    public boolean active;
    @Column(name = "password_hash", columnDefinition = "text")
    public String passwordHash;
    @Column(columnDefinition = "text")
    public String roles = "[]";
    @Column(name = "group_codes", columnDefinition = "text")
    public String groupCodes = "[]";
    @Column(columnDefinition = "text")
    public String channels = "[\"IN_APP\"]";
    @Column(name = "webhook_url", columnDefinition = "text")
    public String webhookUrl;
    @Version
    public long version;

    public List<RoleAssignment> roleAssignments() {
        return JsonText.read(roles, new TypeReference<>() { });
    }

    public void roleAssignments(List<RoleAssignment> assignments) {
        roles = JsonText.write(assignments);
    }

    public List<String> groups() {
        return JsonText.read(groupCodes, new TypeReference<>() { });
    }

    public void groups(List<String> codes) {
        groupCodes = JsonText.write(codes);
    }

    public List<Channel> channelList() {
        return JsonText.read(channels, new TypeReference<>() { });
    }

    public void channelList(List<Channel> list) {
        channels = JsonText.write(list);
    }
}

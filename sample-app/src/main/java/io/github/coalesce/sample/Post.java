package io.github.coalesce.sample;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
public class Post extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "post_tag", joinColumns = @JoinColumn(name = "post_id"))
    @Column(name = "tag", length = 40)
    public Set<String> tags = new LinkedHashSet<>();

    /** The name of the principal who created the post; only they (or an admin) may change it. */
    @Column(nullable = false, updatable = false, length = 100)
    public String author;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Written only by the view counter. Read-only here (neither inserted nor updated), so saving an edited post never
     * writes back a stale count.
     */
    @Column(insertable = false, updatable = false)
    public long views;
}

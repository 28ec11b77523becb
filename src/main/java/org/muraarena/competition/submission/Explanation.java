package org.muraarena.competition.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * One picked study of a dry run's explanations (V9): the image shown, its label, the study's
 * probability and, for an ONNX model, the occlusion map as two PNGs. Lists read the columns
 * without the PNGs ({@link ExplanationStore}); the bytes are read one at a time when served.
 */
@Entity
public class Explanation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    public Evaluation evaluation;
    /** 1-based: the correct picks first, most confident first, then the wrong ones. */
    public int position;
    public String study;
    public String image;
    public int label;
    public double probability;
    public boolean correct;
    public int width;
    public int height;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "overlay_png")
    public byte[] overlayPng;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "map_png")
    public byte[] mapPng;
}

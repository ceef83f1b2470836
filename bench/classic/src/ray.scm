;; ray.scm -- a small ray tracer: spheres and a light, rays from a
;; pinhole camera through a 100x100 image, Lambert shading with shadow
;; rays, vectors as records of three flonums.  Out: the sum of the
;; pixel brightnesses quantized to 0..255.
(import (scheme base) (scheme inexact) (harness))

(define-record-type v3 (make-v3 x y z) v3? (x v3-x) (y v3-y) (z v3-z))
(define (v+ a b) (make-v3 (+ (v3-x a) (v3-x b)) (+ (v3-y a) (v3-y b)) (+ (v3-z a) (v3-z b))))
(define (v- a b) (make-v3 (- (v3-x a) (v3-x b)) (- (v3-y a) (v3-y b)) (- (v3-z a) (v3-z b))))
(define (v* a s) (make-v3 (* (v3-x a) s) (* (v3-y a) s) (* (v3-z a) s)))
(define (dot a b) (+ (* (v3-x a) (v3-x b)) (* (v3-y a) (v3-y b)) (* (v3-z a) (v3-z b))))
(define (unit a) (v* a (/ 1. (sqrt (dot a a)))))

(define-record-type sphere (make-sphere center radius albedo) sphere?
  (center sphere-center) (radius sphere-radius) (albedo sphere-albedo))

(define scene
  (list (make-sphere (make-v3 0. -1000. 0.) 999. .6)
        (make-sphere (make-v3 0. 0. 5.) 1. .9)
        (make-sphere (make-v3 -1.5 -.5 4.) .5 .7)
        (make-sphere (make-v3 1.2 .3 6.) .8 .8)
        (make-sphere (make-v3 .3 -.7 3.2) .3 1.)))

(define light (unit (make-v3 -1. 2. -1.5)))

;; intersect: the distance along the ray (origin o, unit direction d)
;; to sphere s, or #f.
(define (intersect o d s)
  (let* ((oc (v- o (sphere-center s)))
         (b (dot oc d))
         (c (- (dot oc oc) (* (sphere-radius s) (sphere-radius s))))
         (disc (- (* b b) c)))
    (and (> disc 0.)
         (let ((t (- (- b) (sqrt disc))))
           (and (> t 1e-6) t)))))

(define (nearest o d)
  (let loop ((ss scene) (best #f) (best-t 1e30))
    (if (null? ss)
        (and best (cons best best-t))
        (let ((t (intersect o d (car ss))))
          (if (and t (< t best-t)) (loop (cdr ss) (car ss) t) (loop (cdr ss) best best-t))))))

(define (shade o d)
  (let ((hit (nearest o d)))
    (if (not hit)
        .1
        (let* ((s (car hit)) (p (v+ o (v* d (cdr hit))))
               (n (unit (v- p (sphere-center s))))
               (lambert (dot n light)))
          (if (or (<= lambert 0.) (nearest (v+ p (v* n 1e-4)) light))
              (* .05 (sphere-albedo s))
              (* lambert (sphere-albedo s)))))))

(define (render size)
  (let ((eye (make-v3 0. 0. 0.)))
    (let rows ((y 0) (sum 0))
      (if (= y size)
          sum
          (rows (+ y 1)
                (let cols ((x 0) (sum sum))
                  (if (= x size)
                      sum
                      (let* ((dir (unit (make-v3 (- (/ (+ x .5) size) .5) (- .5 (/ (+ y .5) size)) 1.)))
                             (b (shade eye dir)))
                        (cols (+ x 1) (+ sum (exact (floor (* 255.99 (min 1. b))))))))))))))

(run-benchmark "ray" 10 (lambda () (render (hide 100))) 704296)

namespace PrimeProps.Kernel;

/// <summary>
/// A red-black tree with the shape lib/rbtree.c gives: the caller walks down and links the new
/// node as a leaf (rb_link_node), then rb_insert_color and rb_erase rebalance with the
/// textbook cases, which lib/rbtree.c implements (Cormen et al., ch. 13: the same rotations on
/// the same nodes, so the same shape). The shape matters because a lookup that stops at the
/// first equal key answers by it: which of two entries with one key is nearer the root.
/// </summary>
public sealed class RbTree<T> where T : class
{
    private sealed class Node(T value)
    {
        public readonly T Value = value;
        public Node? Parent, Left, Right;
        public bool Red = true;
    }

    private Node? root;
    private readonly Dictionary<T, Node> nodes = new(ReferenceEqualityComparer.Instance);

    public int Count => nodes.Count;

    /// <summary>
    /// Links <paramref name="value"/> as a leaf: down to the right while <paramref name="goesRight"/>
    /// says so of the node passed, else to the left (so equal keys go left, as the kernel's
    /// callers write it), then rebalances.
    /// </summary>
    public void Insert(T value, Func<T, bool> goesRight)
    {
        var node = new Node(value);
        nodes.Add(value, node);
        Node? parent = null;
        bool right = false;
        for (var p = root; p is not null; p = right ? p.Right : p.Left)
        {
            parent = p;
            right = goesRight(p.Value);
        }
        node.Parent = parent;
        if (parent is null)
            root = node;
        else if (right)
            parent.Right = node;
        else
            parent.Left = node;
        InsertColor(node);
    }

    /// <summary>
    /// Walks from the root: returns the first node <paramref name="compare"/> calls a match (0),
    /// else goes right when it says the wanted key is greater (&gt; 0), left otherwise.
    /// </summary>
    public T? Find(Func<T, int> compare)
    {
        var p = root;
        while (p is not null)
        {
            int c = compare(p.Value);
            if (c == 0)
                return p.Value;
            p = c > 0 ? p.Right : p.Left;
        }
        return null;
    }

    public void Erase(T value)
    {
        if (!nodes.Remove(value, out var z))
            return;
        Node? x, xParent;
        bool removedBlack;
        if (z.Left is null || z.Right is null)
        {
            x = z.Left ?? z.Right;
            xParent = z.Parent;
            removedBlack = !z.Red;
            Transplant(z, x);
        }
        else
        {
            var y = z.Right;
            while (y.Left is not null)
                y = y.Left; // the successor
            removedBlack = !y.Red;
            x = y.Right;
            if (y.Parent == z)
                xParent = y;
            else
            {
                xParent = y.Parent;
                Transplant(y, y.Right);
                y.Right = z.Right;
                y.Right.Parent = y;
            }
            Transplant(z, y);
            y.Left = z.Left;
            y.Left.Parent = y;
            y.Red = z.Red;
        }
        if (removedBlack)
            EraseColor(x, xParent);
    }

    /// <summary>The values from the root down, level by level (for tests and state dumps).</summary>
    public IEnumerable<(T Value, int Depth)> Levels()
    {
        var queue = new Queue<(Node, int)>();
        if (root is not null)
            queue.Enqueue((root, 0));
        while (queue.Count > 0)
        {
            var (n, d) = queue.Dequeue();
            yield return (n.Value, d);
            if (n.Left is not null) queue.Enqueue((n.Left, d + 1));
            if (n.Right is not null) queue.Enqueue((n.Right, d + 1));
        }
    }

    /// <summary>
    /// The red-black rules and the parent links hold, and an in-order walk is sorted by
    /// <paramref name="compare"/> (for tests of the rebalancing).
    /// </summary>
    internal bool IsValid(Comparison<T> compare)
    {
        var inOrder = new List<T>();
        bool ok = root is null || (!root.Red && root.Parent is null && BlackHeight(root, inOrder) >= 0);
        for (int i = 1; ok && i < inOrder.Count; i++)
            ok = compare(inOrder[i - 1], inOrder[i]) <= 0;
        return ok && inOrder.Count == nodes.Count;
    }

    private static int BlackHeight(Node? n, List<T> inOrder)
    {
        if (n is null)
            return 0;
        if ((n.Left is not null && n.Left.Parent != n) || (n.Right is not null && n.Right.Parent != n))
            return -1;
        if (n.Red && (n.Left is { Red: true } || n.Right is { Red: true }))
            return -1;
        int left = BlackHeight(n.Left, inOrder);
        inOrder.Add(n.Value);
        int right = BlackHeight(n.Right, inOrder);
        return left < 0 || left != right ? -1 : left + (n.Red ? 0 : 1);
    }

    private void InsertColor(Node node)
    {
        while (node.Parent is { Red: true } parent)
        {
            var gparent = parent.Parent!; // a red node is never the root
            bool parentIsLeft = parent == gparent.Left;
            var uncle = parentIsLeft ? gparent.Right : gparent.Left;
            if (uncle is { Red: true })
            {
                parent.Red = uncle.Red = false;
                gparent.Red = true;
                node = gparent;
                continue;
            }
            if (node == (parentIsLeft ? parent.Right : parent.Left))
            {
                Rotate(parent, toLeft: parentIsLeft);
                node = parent;
                parent = node.Parent!;
            }
            parent.Red = false;
            gparent.Red = true;
            Rotate(gparent, toLeft: !parentIsLeft);
        }
        root!.Red = false;
    }

    private void EraseColor(Node? x, Node? parent)
    {
        while (x != root && (x is null || !x.Red) && parent is not null)
        {
            bool isLeft = x == parent.Left;
            var sibling = isLeft ? parent.Right! : parent.Left!;
            if (sibling.Red)
            {
                sibling.Red = false;
                parent.Red = true;
                Rotate(parent, toLeft: isLeft);
                sibling = isLeft ? parent.Right! : parent.Left!;
            }
            var near = isLeft ? sibling.Left : sibling.Right;
            var far = isLeft ? sibling.Right : sibling.Left;
            if ((near is null || !near.Red) && (far is null || !far.Red))
            {
                sibling.Red = true;
                x = parent;
                parent = x.Parent;
                continue;
            }
            if (far is null || !far.Red)
            {
                near!.Red = false;
                sibling.Red = true;
                Rotate(sibling, toLeft: !isLeft);
                sibling = isLeft ? parent.Right! : parent.Left!;
                far = isLeft ? sibling.Right : sibling.Left;
            }
            sibling.Red = parent.Red;
            parent.Red = false;
            far!.Red = false;
            Rotate(parent, toLeft: isLeft);
            x = root;
            break;
        }
        if (x is not null)
            x.Red = false;
    }

    /// <summary>Rotates <paramref name="n"/> down to the left (its right child comes up) or to the right.</summary>
    private void Rotate(Node n, bool toLeft)
    {
        var up = toLeft ? n.Right! : n.Left!;
        if (toLeft)
        {
            n.Right = up.Left;
            if (up.Left is not null) up.Left.Parent = n;
            up.Left = n;
        }
        else
        {
            n.Left = up.Right;
            if (up.Right is not null) up.Right.Parent = n;
            up.Right = n;
        }
        Transplant(n, up);
        n.Parent = up;
    }

    /// <summary>Puts <paramref name="with"/> where <paramref name="n"/> hangs from its parent.</summary>
    private void Transplant(Node n, Node? with)
    {
        var parent = n.Parent;
        if (parent is null)
            root = with;
        else if (n == parent.Left)
            parent.Left = with;
        else
            parent.Right = with;
        if (with is not null)
            with.Parent = parent;
    }
}
